using Terminal.Drivers.Hal;
using Terminal.Drivers.Indicators;
using Terminal.Firmware.Fares;

namespace Terminal.Firmware.Tap
{
    /// <summary>
    /// One pass of the terminal's main loop: look for a card, then for a scanned QR code; show a result on every indicator at once,
    /// keep the buzzer and the hold time running, and rest on a warning when the journal is nearly full.
    /// </summary>
    public sealed class TerminalLoop
    {
        private readonly TapProcessor _tap;
        private readonly QrScanProcessor _qr;
        private readonly Journal.Journal _journal;
        private readonly IndicatorPanel _panel;
        private readonly IClock _clock;
        private readonly FareTableStore _fares;
        private readonly MessageTable _messages;
        private FareTable? _speaking;

        public TerminalLoop(TapProcessor tap, QrScanProcessor qr, Journal.Journal journal, FareTableStore fares, IndicatorPanel panel, MessageTable messages, IClock clock)
        {
            _fares = fares;
            _messages = messages;
            _tap = tap;
            _qr = qr;
            _journal = journal;
            _panel = panel;
            _clock = clock;
        }

        public TapOutcome Step()
        {
            FareTable? table = _fares.Current;
            if (table != _speaking)
            {
                _speaking = table;
                _panel.Language = LanguageSelection.For(table, _messages);
            }

            _panel.Show(Resting(), _clock);
            TapOutcome outcome = _tap.Poll();
            if (outcome != TapOutcome.NoCard && outcome != TapOutcome.StillPresent)
            {
                _panel.Show(_tap.Status, _clock);
            }
            else
            {
                TapOutcome scanned = _qr.Poll();
                if (scanned != TapOutcome.NoCard)
                {
                    _panel.Show(_qr.Status, _clock);
                    outcome = scanned;
                }
            }

            _panel.Tick(_clock);
            return outcome;
        }

        /// <summary>The resting screen: ready, or the warning the driver must act on first.</summary>
        private TerminalStatus Resting()
        {
            if (_journal.IsNearlyFull)
            {
                return TerminalStatus.Warned(WarningKind.JournalNearlyFull);
            }

            return _tap.HasTrustedBlacklist ? TerminalStatus.Ready() : TerminalStatus.Warned(WarningKind.BlacklistUnavailable);
        }
    }
}
