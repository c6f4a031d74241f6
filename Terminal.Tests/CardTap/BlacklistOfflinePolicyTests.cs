using Terminal.Drivers.Indicators;
using Terminal.Emulator.Board;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Indicators;
using Xunit;
using RefusalReason = Terminal.Drivers.Indicators.RefusalReason;

namespace Terminal.Tests.CardTap;

/// <summary>
/// A card tapped while the blacklist cannot answer goes by the operator's policy (docs/blacklist.md): taken with a
/// journaled <c>BlacklistUnchecked</c> event, or refused; the driver sees "No blacklist" on the resting screen.
/// </summary>
public sealed class BlacklistOfflinePolicyTests
{
    private readonly EmulatedBus _bus = new();

    [Fact]
    public void WithoutAListACardIsTakenAndTheJournalSaysOnceThatTapsWentUnchecked()
    {
        Assert.Equal(BlacklistStatus.Empty, _bus.Terminal.Blacklist.Status);
        var first = _bus.Issue(1000);
        var second = _bus.Issue(1000);

        Assert.Equal(TapOutcome.Accepted, _bus.Tap(first));
        Assert.Equal(TapOutcome.Accepted, _bus.Tap(second));

        var records = _bus.JournalRecords();
        Assert.Equal([TxKind.TerminalEvent, TxKind.CardTapAccepted, TxKind.CardTapAccepted], records.Select(r => r.Kind));
        Assert.Equal((int)TerminalEventCode.BlacklistUnchecked, records[0].EventCode);
        Assert.Equal((uint)BlacklistOutcome.Unavailable, records[0].EventValue);
        Assert.Equal(750, _bus.Balance(second));
    }

    [Fact]
    public void OnceAListAnswersTheNextStretchWithoutOneIsJournaledAgain()
    {
        Assert.Equal(TapOutcome.Accepted, _bus.Tap(_bus.Issue(1000)));
        Assert.Equal(BlacklistStatus.Ok, _bus.Terminal.Blacklist.LoadSnapshot(1, new BlacklistChanges()));
        Assert.Equal(TapOutcome.Accepted, _bus.Tap(_bus.Issue(1000)));
        _bus.Flash.FlipBit("bl.man", 3, 0);
        _bus.Boot();
        Assert.Equal(BlacklistStatus.Corrupt, _bus.Terminal.Blacklist.Status);
        Assert.Equal(TapOutcome.Accepted, _bus.Tap(_bus.Issue(1000)));

        var events = _bus.JournalRecords().Where(r => r.Kind == TxKind.TerminalEvent && r.EventCode == (int)TerminalEventCode.BlacklistUnchecked);
        Assert.Equal(2, events.Count());
    }

    [Fact]
    public void UnderTheRefusePolicyACardIsRefusedNotChargedAndTheRefusalJournaled()
    {
        _bus.Config.BlacklistOffline = BlacklistOfflinePolicy.Refuse;
        var card = _bus.Issue(1000);

        Assert.Equal(TapOutcome.Refused, _bus.Tap(card));

        Assert.Equal(RefusalReason.ServiceNeeded, _bus.Terminal.Tap.Status.Reason);
        Assert.Equal(1000, _bus.Balance(card));
        var record = Assert.Single(_bus.JournalRecords());
        Assert.Equal(TxKind.Refusal, record.Kind);
        Assert.Equal((int)RefusalCode.BlacklistUnavailable, record.Reason);
    }

    [Fact]
    public void AListedCardIsRefusedWhateverThePolicy()
    {
        _bus.Config.BlacklistOffline = BlacklistOfflinePolicy.AcceptAndJournal;
        var card = _bus.Issue(1000);
        var listing = new BlacklistChanges();
        listing.ListCard(card.Uid, 0, card.Uid.Length, 3);
        Assert.Equal(BlacklistStatus.Ok, _bus.Terminal.Blacklist.LoadSnapshot(1, listing));

        Assert.Equal(TapOutcome.Refused, _bus.Tap(card));
        Assert.Equal(RefusalReason.CardBlocked, _bus.Terminal.Tap.Status.Reason);
        Assert.DoesNotContain(_bus.JournalRecords(), r => r.Kind == TxKind.TerminalEvent);
    }

    [Fact]
    public void TheDriverSeesNoBlacklistUntilOneIsInstalled()
    {
        var recorder = new IndicatorRecorder(_bus.Clock);
        var messages = new MessageTable();
        var panel = new IndicatorPanel(recorder.Pin(IndicatorRecorder.Green), recorder.Pin(IndicatorRecorder.Red), recorder.Pin(IndicatorRecorder.Amber), recorder.Pin(IndicatorRecorder.Buzzer), recorder, messages);
        var loop = new TerminalLoop(_bus.Terminal.Tap, _bus.Terminal.Qr, _bus.Terminal.Journal, _bus.Terminal.Fares, panel, messages, _bus.Clock);

        loop.Step();
        Assert.StartsWith("No blacklist", recorder.Row(1));
        Assert.True(recorder.IsOn(IndicatorRecorder.Amber));

        Assert.Equal(BlacklistStatus.Ok, _bus.Terminal.Blacklist.LoadSnapshot(1, new BlacklistChanges()));
        loop.Step();
        Assert.StartsWith("Welcome", recorder.Row(0));
        Assert.False(recorder.IsOn(IndicatorRecorder.Amber));
    }
}
