using Terminal.Drivers.Indicators;
using Terminal.Emulator.Board;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Indicators;
using Xunit;

namespace Terminal.Tests.CardTap;

/// <summary>The main loop shows each tap on every indicator and rests on the ready screen.</summary>
public sealed class TerminalLoopTests
{
    [Fact]
    public void ATapLightsGreenShowsTheFareThenTheLoopRestsOnReady()
    {
        var bus = new EmulatedBus();
        Assert.Equal(BlacklistStatus.Ok, bus.Terminal.Blacklist.LoadSnapshot(1, new BlacklistChanges()));
        var recorder = new IndicatorRecorder(bus.Clock);
        var messages = new MessageTable();
        BuiltInTranslations.AddTo(messages);
        var panel = new IndicatorPanel(recorder.Pin(IndicatorRecorder.Green), recorder.Pin(IndicatorRecorder.Red), recorder.Pin(IndicatorRecorder.Amber), recorder.Pin(IndicatorRecorder.Buzzer), recorder, messages);
        var loop = new TerminalLoop(bus.Terminal.Tap, bus.Terminal.Qr, bus.Terminal.Journal, bus.Terminal.Fares, panel, messages, bus.Clock);
        var card = bus.Issue(1000);

        Assert.Equal(TapOutcome.NoCard, loop.Step());
        Assert.StartsWith("Welcome", recorder.Row(0));

        bus.Terminal.Reader.Field.Enter(card);
        Assert.Equal(TapOutcome.Accepted, loop.Step());
        Assert.True(recorder.IsOn(IndicatorRecorder.Green));
        Assert.StartsWith("Fare 2.50", recorder.Row(0));
        Assert.StartsWith("Balance 7.50", recorder.Row(1));

        Assert.Equal(TapOutcome.StillPresent, loop.Step());
        bus.Terminal.Reader.Field.Remove(card);
        bus.Clock.Advance(3_000_000);
        loop.Step();
        Assert.False(recorder.IsOn(IndicatorRecorder.Green));
        Assert.StartsWith("Welcome", recorder.Row(0));
    }

    [Fact]
    public void TheDisplaySpeaksTheFareTablesFirstKnownLanguage()
    {
        var bus = new EmulatedBus();
        Assert.Equal(BlacklistStatus.Ok, bus.Terminal.Blacklist.LoadSnapshot(1, new BlacklistChanges()));
        var messages = new MessageTable();
        BuiltInTranslations.AddTo(messages);
        var recorder = new IndicatorRecorder(bus.Clock);
        var panel = new IndicatorPanel(recorder.Pin(IndicatorRecorder.Green), recorder.Pin(IndicatorRecorder.Red), recorder.Pin(IndicatorRecorder.Amber), recorder.Pin(IndicatorRecorder.Buzzer), recorder, messages);
        var loop = new TerminalLoop(bus.Terminal.Tap, bus.Terminal.Qr, bus.Terminal.Journal, bus.Terminal.Fares, panel, messages, bus.Clock);
        var table = Terminal.Emulator.Backoffice.DemoFareTable.Builder(bus.Keys.Backend, bus.Clock.UtcUnixSeconds - 60);
        table.Version = 2;
        table.Languages.Clear();
        table.Languages.AddRange(["de", "fr", "en"]);
        Assert.Equal(Terminal.Firmware.Fares.FareTableStatus.Loaded, bus.Terminal.LoadFares(table.Build(bus.Keys.Backend.Sign)));

        loop.Step();
        Assert.StartsWith("Bienvenue", recorder.Row(0));
        var card = bus.Issue(1000);
        bus.Terminal.Reader.Field.Enter(card);
        loop.Step();
        Assert.StartsWith("Tarif 2.50", recorder.Row(0));
        Assert.StartsWith("Solde 7.50", recorder.Row(1));
    }
}
