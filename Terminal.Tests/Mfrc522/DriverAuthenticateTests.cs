using Terminal.Drivers.Reader;
using Xunit;

namespace Terminal.Tests.Mfrc522;

/// <summary>MFAuthent through the driver, the encrypted session it opens, and StopCrypto1.</summary>
public sealed class DriverAuthenticateTests
{
    private static readonly byte[] Key = [0x00, 0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0x00];
    private static readonly byte[] Uid = [0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66];

    private readonly DriverFixture _f = new();

    public DriverAuthenticateTests()
    {
        Assert.Equal(ReaderStatus.Ok, _f.Driver.Init());
    }

    [Fact]
    public void SuccessOpensTheEncryptedSessionUntilStopCrypto1()
    {
        _f.Channel.AuthenticationSucceeds = true;

        Assert.Equal(ReaderStatus.Ok, _f.Driver.Authenticate(0x60, 8, Key, 1, Uid, 3));

        var (command, block, key, uid) = Assert.Single(_f.Channel.Authentications);
        Assert.Equal((0x60, 8), (command, block));
        Assert.Equal(Key[1..7], key);
        Assert.Equal(Uid[3..7], uid);
        Assert.True(_f.Chip.Crypto1On);
        Assert.True(_f.ChipAtRest());

        Halt();
        _f.Driver.StopCrypto1();
        Halt();

        Assert.True(_f.Channel.Frames[0].Encrypted);
        Assert.False(_f.Channel.Frames[1].Encrypted);
    }

    [Fact]
    public void ACardThatNeverCompletesTheThreePassesFailsWithinTheAuthenticationTimeout()
    {
        var before = _f.Channel.Clock.MonotonicMicroseconds;

        Assert.Equal(ReaderStatus.AuthFailed, _f.Driver.Authenticate(0x61, 8, Key, 1, Uid, 3));

        Assert.False(_f.Chip.Crypto1On);
        Assert.True(_f.ChipAtRest());
        Assert.InRange(_f.Channel.Clock.MonotonicMicroseconds - before, 2_000, 2_600);
    }

    [Fact]
    public void AuthenticationCostsFiveTransactionsOnceTheTimerIsProgrammed()
    {
        _f.Channel.AuthenticationSucceeds = true;
        _f.Driver.Authenticate(0x60, 8, Key, 1, Uid, 3);
        var start = _f.Chip.Statistics;

        _f.Driver.Authenticate(0x60, 8, Key, 1, Uid, 3);

        // FIFO burst, MFAuthent, one poll, ComIrq clear: the command ended by itself, so no Idle.
        Assert.Equal(4, (_f.Chip.Statistics - start).Transactions);
    }

    [Theory]
    [InlineData(0x30, 0, 0)]
    [InlineData(0x60, 3, 0)]
    [InlineData(0x60, 0, 4)]
    public void BadArgumentsAreRefused(byte command, int keyOffset, int uidOffset)
    {
        Assert.Throws<ArgumentException>(() => _f.Driver.Authenticate(command, 8, Key, keyOffset, Uid, uidOffset));
        Assert.Empty(_f.Channel.Authentications);
    }

    private void Halt()
    {
        var x = new PcdExchange();
        x.Start(2, true, false, 1_000);
        x.Tx[0] = 0x50;
        _f.Driver.Transceive(x);
    }
}
