using System.Text;
using Backend.Ingest.Qr;
using Terminal.Drivers.Indicators;
using Terminal.Emulator.Board;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Qr;
using Terminal.Firmware.Tap;
using Xunit;
using RefusalReason = Terminal.Drivers.Indicators.RefusalReason;

namespace Terminal.Tests.CardTap;

/// <summary>A QR token shown to the emulated scanner takes the card's road from pricing on.</summary>
public sealed class QrScanProcessorTests
{
    private const int QrKeyId = 9;
    private readonly EmulatedBus _bus = new();
    private readonly QrTokenSigner _issuer = QrTokenSigner.WithRandomKey(QrKeyId, new Random(4));

    public QrScanProcessorTests() => Assert.True(_bus.Terminal.KeyRing.TryAdd(QrKeyId, _issuer.PublicKey, 0));

    [Fact]
    public void AValidTokenIsChargedThroughTheFareEngineAndJournaled()
    {
        Assert.Equal(TapOutcome.Accepted, Scan(Token(accountId: 70001, tokenId: 5, concession: 1)));
        Assert.Equal(IndicatorState.Accepted, _bus.Terminal.Qr.Status.State);
        Assert.False(_bus.Terminal.Qr.Status.HasBalance);
        Assert.Equal(125, _bus.Terminal.Qr.Status.FareCents);
        var record = Assert.Single(_bus.JournalRecords());
        Assert.Equal(TxKind.QrAccepted, record.Kind);
        Assert.Equal(70001u, record.AccountId);
        Assert.Equal(5ul, record.TokenId);
        Assert.Equal(125, record.Amount);
    }

    [Fact]
    public void ATokenShownTwiceIsRefusedTheSecondTime()
    {
        var token = Token(70001, 6);
        Assert.Equal(TapOutcome.Accepted, Scan(token));
        Assert.Equal(TapOutcome.Refused, Scan(token));
        Assert.Equal(RefusalReason.AlreadyUsed, _bus.Terminal.Qr.Status.Reason);
        Assert.Equal(QrTokenStatus.Replayed, _bus.Terminal.Qr.TokenStatus);
    }

    [Fact]
    public void ATokenWhoseFareIsRefusedIsNotBurnt()
    {
        // On a route the fare table does not price, the fare engine refuses after the token verified: the
        // passenger's code must still work once the terminal can charge it.
        var token = Token(70001, 9);
        _bus.Config.RouteId = 99;
        Assert.Equal(TapOutcome.Refused, Scan(token));
        Assert.Equal(QrTokenStatus.Ok, _bus.Terminal.Qr.TokenStatus);
        Assert.Empty(_bus.JournalRecords());
        _bus.Config.RouteId = 1;
        Assert.Equal(TapOutcome.Accepted, Scan(token));
        Assert.Equal(TxKind.QrAccepted, Assert.Single(_bus.JournalRecords()).Kind);
        Assert.Equal(TapOutcome.Refused, Scan(token));
        Assert.Equal(QrTokenStatus.Replayed, _bus.Terminal.Qr.TokenStatus);
    }

    [Fact]
    public void AnExpiredTokenIsRefusedAsExpired()
    {
        var now = (uint)_bus.Clock.UtcUnixSeconds;
        Assert.Equal(TapOutcome.Refused, Scan(_issuer.IssueText(new QrTokenFields(70001, 7, now - 600, now - 300))));
        Assert.Equal(RefusalReason.ExpiredCode, _bus.Terminal.Qr.Status.Reason);
    }

    [Fact]
    public void AForgedTokenIsRefusedAndReported()
    {
        var forger = QrTokenSigner.WithRandomKey(QrKeyId, new Random(5));
        var now = (uint)_bus.Clock.UtcUnixSeconds;
        Assert.Equal(TapOutcome.Refused, Scan(forger.IssueText(new QrTokenFields(70001, 8, now, now + 60))));
        Assert.Equal(RefusalReason.InvalidCode, _bus.Terminal.Qr.Status.Reason);
        var record = Assert.Single(_bus.JournalRecords());
        Assert.Equal((int)RefusalCode.TokenBadSignature, record.Reason);
    }

    [Fact]
    public void GarbageFromTheScannerIsAnInvalidCode()
    {
        Assert.Equal(TapOutcome.Refused, Scan(Encoding.ASCII.GetBytes("HELLO WORLD")));
        Assert.Equal(RefusalReason.InvalidCode, _bus.Terminal.Qr.Status.Reason);
        Assert.Empty(_bus.JournalRecords());
    }

    private byte[] Token(uint accountId, ulong tokenId, byte concession = 0)
    {
        var now = (uint)_bus.Clock.UtcUnixSeconds;
        return _issuer.IssueText(new QrTokenFields(accountId, tokenId, now - 5, now + 55, Concession: concession));
    }

    private TapOutcome Scan(byte[] code) => _bus.Scan(code);
}
