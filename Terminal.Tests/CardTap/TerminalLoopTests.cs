using Terminal.Drivers.Indicators;
using Terminal.Emulator.Board;
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
        var recorder = new IndicatorRecorder(bus.Clock);
        var panel = new IndicatorPanel(recorder.Pin(IndicatorRecorder.Green), recorder.Pin(IndicatorRecorder.Red), recorder.Pin(IndicatorRecorder.Amber), recorder.Pin(IndicatorRecorder.Buzzer), recorder, new MessageTable());
        var loop = new TerminalLoop(bus.Terminal.Tap, bus.Terminal.Qr, bus.Terminal.Journal, panel, bus.Clock);
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
}
