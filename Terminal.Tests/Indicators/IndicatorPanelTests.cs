using Terminal.Drivers.Hal;
using Terminal.Drivers.Indicators;
using Terminal.Simulation.Indicators;
using Terminal.Simulation.Timing;
using Xunit;

namespace Terminal.Tests.Indicators;

/// <summary>One status drives LEDs, buzzer and display together, on the simulated clock.</summary>
public sealed class IndicatorPanelTests
{
    private const long Ms = 1000;

    private readonly SimulatedClock _clock = new();
    private readonly IndicatorRecorder _recorder;
    private readonly IndicatorPanel _panel;
    private readonly MessageTable _messages = new();

    public IndicatorPanelTests()
    {
        _recorder = new IndicatorRecorder(_clock);
        _panel = Panel(_recorder);
        _panel.Show(TerminalStatus.Ready(), _clock);
    }

    [Fact]
    public void ReadyWelcomesWithNoLampAndNoSound()
    {
        AssertLamps(green: false, red: false, amber: false);
        AssertRows("Welcome", "Tap card or scan");
        Assert.Empty(_recorder.Pulses(IndicatorRecorder.Buzzer));
    }

    [Fact]
    public void AcceptedLightsGreenBeepsOnceShortAndShowsFareAndBalance()
    {
        var start = _clock.MonotonicMicroseconds;
        _panel.Show(TerminalStatus.Accepted(125, 875), _clock);

        AssertLamps(green: true, red: false, amber: false);
        AssertRows("Fare 1.25", "Balance 8.75");
        RunFor(1000 * Ms);
        Assert.Equal([(start, start + 120 * Ms)], _recorder.Pulses(IndicatorRecorder.Buzzer));
    }

    [Fact]
    public void RefusedLightsRedBeepsTwiceLongAndGivesTheReason()
    {
        var start = _clock.MonotonicMicroseconds;
        _panel.Show(TerminalStatus.Refused(RefusalReason.InsufficientFunds), _clock);

        AssertLamps(green: false, red: true, amber: false);
        AssertRows("Refused", "Not enough funds");
        RunFor(1500 * Ms);
        Assert.Equal(
            [(start, start + 400 * Ms), (start + 600 * Ms, start + 1000 * Ms)],
            _recorder.Pulses(IndicatorRecorder.Buzzer));
    }

    [Fact]
    public void AResultIsHeldThenThePanelReturnsToReadyWithoutSound()
    {
        _panel.Show(TerminalStatus.Accepted(250, 1000), _clock);
        RunFor(IndicatorPanel.DefaultHoldMicroseconds - 10 * Ms);
        Assert.True(_recorder.IsOn(IndicatorRecorder.Green));

        RunFor(20 * Ms);

        AssertLamps(green: false, red: false, amber: false);
        AssertRows("Welcome", "Tap card or scan");
        Assert.Single(_recorder.Pulses(IndicatorRecorder.Buzzer));
        Assert.Equal(IndicatorState.Ready, _panel.Shown.State);
    }

    [Fact]
    public void AQrChargeWithoutAKnownBalanceWishesAGoodTrip()
    {
        _panel.Show(TerminalStatus.AcceptedWithoutBalance(180), _clock);
        AssertRows("Fare 1.80", "Have a good trip");
    }

    [Fact]
    public void AWarningWaitsForTheResultsHoldThenShowsAmberAndChirps()
    {
        _panel.Show(TerminalStatus.Accepted(125, 0), _clock);
        RunFor(500 * Ms);
        _panel.Show(TerminalStatus.Warned(WarningKind.JournalNearlyFull), _clock);
        Assert.True(_recorder.IsOn(IndicatorRecorder.Green));

        RunFor(IndicatorPanel.DefaultHoldMicroseconds);

        AssertLamps(green: false, red: false, amber: true);
        AssertRows("Tap card or scan", "Memory full soon");
        Assert.Single(_recorder.Pulses(IndicatorRecorder.Buzzer));
    }

    [Fact]
    public void AWarningShownWhileReadyChirpsThreeTimes()
    {
        _panel.Show(TerminalStatus.Warned(WarningKind.Offline), _clock);
        RunFor(1000 * Ms);

        Assert.Equal(3, _recorder.Pulses(IndicatorRecorder.Buzzer).Count);
        AssertRows("Tap card or scan", "Offline too long");
    }

    [Fact]
    public void ShowingTheSameRestingStateAgainChangesNothing()
    {
        _panel.Show(TerminalStatus.Warned(WarningKind.Offline), _clock);
        RunFor(1000 * Ms);
        var events = _recorder.Timeline.Count;

        for (var pass = 0; pass < 50; pass++)
        {
            _panel.Show(TerminalStatus.Warned(WarningKind.Offline), _clock);
            RunFor(10 * Ms);
        }

        Assert.Equal(events, _recorder.Timeline.Count);
    }

    [Fact]
    public void OutOfServiceLightsRedAndAmberWithOneLongTone()
    {
        var start = _clock.MonotonicMicroseconds;
        _panel.Show(TerminalStatus.OutOfService(), _clock);
        RunFor(2000 * Ms);

        AssertLamps(green: false, red: true, amber: true);
        AssertRows("Out of service", "");
        Assert.Equal([(start, start + 1000 * Ms)], _recorder.Pulses(IndicatorRecorder.Buzzer));
    }

    [Fact]
    public void ANewResultReplacesTheOldOneAndRestartsTheHold()
    {
        _panel.Show(TerminalStatus.Accepted(125, 0), _clock);
        RunFor(2000 * Ms);
        _panel.Show(TerminalStatus.Refused(RefusalReason.AlreadyUsed), _clock);
        RunFor(2000 * Ms);

        AssertLamps(green: false, red: true, amber: false);
        AssertRows("Refused", "Already used");
        RunFor(600 * Ms);
        AssertRows("Welcome", "Tap card or scan");
    }

    [Fact]
    public void TheChosenLanguageIsShownAsUtf8AndMissingTextsFallBackToEnglish()
    {
        var german = _messages.AddLanguage("de");
        _messages.SetText(german, MessageId.FareLabel, "Fahrpreis");
        _messages.SetText(german, MessageId.BalanceLabel, "Guthaben");
        _messages.SetText(german, MessageId.Refused, "Abgelehnt");
        _panel.Language = german;
        _panel.DecimalSeparator = (byte)',';

        _panel.Show(TerminalStatus.Accepted(125, -50), _clock);
        AssertRows("Fahrpreis 1,25", "Guthaben -0,50");

        _panel.Show(TerminalStatus.Refused(RefusalReason.ExpiredCode), _clock);
        AssertRows("Abgelehnt", "Code expired");
    }

    [Fact]
    public void TextIsCutToTheDisplayWidthOnACharacterBoundary()
    {
        var narrow = new IndicatorRecorder(_clock, rows: 2, columns: 8);
        var panel = Panel(narrow);
        var german = _messages.AddLanguage("de");
        _messages.SetText(german, MessageId.Refused, "Zurückgewiesen");
        panel.Language = german;

        panel.Show(TerminalStatus.Refused(RefusalReason.CardBlocked), _clock);

        Assert.Equal("Zurückge", narrow.Row(0));
        Assert.Equal("Card blo", narrow.Row(1));
    }

    [Fact]
    public void AOneRowDisplayShowsTheHeadline()
    {
        var single = new IndicatorRecorder(_clock, rows: 1, columns: 16);
        Panel(single).Show(TerminalStatus.Refused(RefusalReason.CardBlocked), _clock);
        Assert.Equal("Refused", single.Row(0));
    }

    [Fact]
    public void ShowingAndTickingAllocateNothing()
    {
        var outputs = new SilentOutputs();
        var panel = new IndicatorPanel(outputs, outputs, outputs, outputs, outputs, _messages);
        panel.Show(TerminalStatus.Ready(), _clock);
        panel.Show(TerminalStatus.Accepted(1, 1), _clock);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var tap = 0; tap < 100; tap++)
        {
            panel.Show(tap % 2 == 0 ? TerminalStatus.Accepted(tap * 37, 10_000 - tap) : TerminalStatus.Refused(RefusalReason.CardBlocked), _clock);
            for (var tick = 0; tick < 40; tick++)
            {
                _clock.Advance(100 * Ms);
                panel.Tick(_clock);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void TheConsoleLineShowsLampsSoundAndRows()
    {
        _panel.Show(TerminalStatus.Accepted(125, 875), _clock);
        Assert.Equal("[G . . ♪] Fare 1.25 | Balance 8.75", _recorder.Render());
    }

    private IndicatorPanel Panel(IndicatorRecorder recorder) => new(
        recorder.Pin(IndicatorRecorder.Green),
        recorder.Pin(IndicatorRecorder.Red),
        recorder.Pin(IndicatorRecorder.Amber),
        recorder.Pin(IndicatorRecorder.Buzzer),
        recorder,
        _messages);

    private void RunFor(long microseconds)
    {
        for (long elapsed = 0; elapsed < microseconds; elapsed += 10 * Ms)
        {
            _clock.Advance(10 * Ms);
            _panel.Tick(_clock);
        }
    }

    private void AssertLamps(bool green, bool red, bool amber)
    {
        Assert.Equal(
            (green, red, amber),
            (_recorder.IsOn(IndicatorRecorder.Green), _recorder.IsOn(IndicatorRecorder.Red), _recorder.IsOn(IndicatorRecorder.Amber)));
    }

    private void AssertRows(string first, string second) => Assert.Equal((first, second), (_recorder.Row(0), _recorder.Row(1)));

    private sealed class SilentOutputs : IDigitalOutput, ITextDisplay
    {
        public int Rows => 2;

        public int Columns => 16;

        public void Write(bool high)
        {
        }

        public void WriteRow(int row, byte[] utf8, int offset, int count)
        {
        }
    }
}
