using System;
using Terminal.Drivers.Hal;

namespace Terminal.Drivers.Indicators
{
    /// <summary>
    /// Drives the green, red and amber LEDs, the buzzer and the display from one
    /// <see cref="TerminalStatus"/>, so driver and passenger always see the same decision.
    /// Accepted and Refused are shown for <see cref="HoldMicroseconds"/>, a Fault for
    /// <see cref="FaultHoldMicroseconds"/>, then the panel returns to the resting state (Ready,
    /// Warning or OutOfService) last shown. Showing and ticking allocate nothing.
    /// </summary>
    public sealed class IndicatorPanel
    {
        public const long DefaultHoldMicroseconds = 2500000;

        /// <summary>Long enough for the driver to notice and report a fault, short enough not to stop the bus's fares for long.</summary>
        public const long FaultHoldMicroseconds = 30000000;

        private readonly IDigitalOutput _green;
        private readonly IDigitalOutput _red;
        private readonly IDigitalOutput _amber;
        private readonly Buzzer _buzzer;
        private readonly ITextDisplay _display;
        private readonly MessageTable _messages;
        private readonly DisplayRow[] _rows;
        private TerminalStatus _resting = TerminalStatus.Ready();
        private TerminalStatus _shown = TerminalStatus.Ready();
        private bool _holding;
        private bool _rendered;
        private long _holdEndsAt;

        public IndicatorPanel(IDigitalOutput green, IDigitalOutput red, IDigitalOutput amber, IDigitalOutput buzzer, ITextDisplay display, MessageTable messages)
        {
            if (green == null || red == null || amber == null || buzzer == null || display == null || messages == null)
            {
                throw new ArgumentNullException(display == null ? nameof(display) : messages == null ? nameof(messages) : "output");
            }

            _green = green;
            _red = red;
            _amber = amber;
            _display = display;
            _messages = messages;
            _buzzer = new Buzzer(buzzer);
            _green.Write(false);
            _red.Write(false);
            _amber.Write(false);
            _rows = new DisplayRow[display.Rows];
            for (int row = 0; row < _rows.Length; row++)
            {
                _rows[row] = new DisplayRow(display.Columns);
            }

            HoldMicroseconds = DefaultHoldMicroseconds;
            FractionDigits = 2;
            DecimalSeparator = (byte)'.';
        }

        public long HoldMicroseconds { get; set; }

        /// <summary>Index into the <see cref="MessageTable"/>.</summary>
        public int Language { get; set; }

        /// <summary>Minor units per major unit as a power of ten: 2 for cents.</summary>
        public int FractionDigits { get; set; }

        public byte DecimalSeparator { get; set; }

        /// <summary>What the outputs show right now.</summary>
        public TerminalStatus Shown
        {
            get { return _shown; }
        }

        /// <summary>Where the panel returns after a transient result.</summary>
        public TerminalStatus Resting
        {
            get { return _resting; }
        }

        /// <summary>
        /// A transient result shows at once (a new tap replaces an old result). A resting state
        /// waits until a result's hold ends; showing the same resting state again changes nothing,
        /// so the main loop may call this every pass.
        /// </summary>
        public void Show(TerminalStatus status, IClock clock)
        {
            long now = clock.MonotonicMicroseconds;
            if (status.IsTransient)
            {
                _holding = true;
                _holdEndsAt = now + (status.State == IndicatorState.Fault ? FaultHoldMicroseconds : HoldMicroseconds);
                Render(status, now, true);
                return;
            }

            bool changed = status.State != _resting.State || status.Warning != _resting.Warning;
            _resting = status;
            if (!_holding && (changed || !_rendered))
            {
                Render(status, now, changed);
            }
        }

        /// <summary>Advances the buzzer pattern and ends a result's hold; call from the main loop.</summary>
        public void Tick(IClock clock)
        {
            long now = clock.MonotonicMicroseconds;
            _buzzer.Tick(now);
            if (_holding && now >= _holdEndsAt)
            {
                _holding = false;
                Render(_resting, now, false);
            }
        }

        private void Render(TerminalStatus status, long now, bool sound)
        {
            _shown = status;
            _rendered = true;
            IndicatorState state = status.State;
            // A fault lights all three LEDs, a pattern no decision uses.
            bool fault = state == IndicatorState.Fault;
            _green.Write(state == IndicatorState.Accepted || fault);
            _red.Write(state == IndicatorState.Refused || state == IndicatorState.OutOfService || fault);
            _amber.Write(state == IndicatorState.Warning || state == IndicatorState.OutOfService || fault);
            if (sound)
            {
                _buzzer.Play(BuzzerPattern.For(state), now);
            }

            for (int row = 0; row < _rows.Length; row++)
            {
                _rows[row].Clear();
            }

            ComposeRows(status);
            for (int row = 0; row < _rows.Length; row++)
            {
                _rows[row].WriteTo(_display, row);
            }
        }

        private void ComposeRows(TerminalStatus status)
        {
            switch (status.State)
            {
                case IndicatorState.Accepted:
                    if (status.LoadedCents > 0)
                    {
                        Label(0, MessageId.TopUpLabel);
                        Amount(0, status.LoadedCents);
                        WordIfItFits(0, MessageId.TopUpAdded);
                    }
                    else if (status.IsAlreadyPaid)
                    {
                        Label(0, MessageId.AlreadyPaid);
                    }
                    else
                    {
                        Label(0, MessageId.FareLabel);
                        Amount(0, status.FareCents);
                    }

                    if (status.HasBalance)
                    {
                        Label(1, MessageId.BalanceLabel);
                        Amount(1, status.BalanceCents);
                    }
                    else
                    {
                        Label(1, MessageId.GoodTrip);
                    }

                    break;
                case IndicatorState.Refused:
                    Label(0, MessageId.Refused);
                    Label(1, ReasonMessage(status.Reason));
                    break;
                case IndicatorState.Warning:
                    Label(0, MessageId.PresentCardOrCode);
                    Label(1, WarningMessage(status.Warning));
                    break;
                case IndicatorState.OutOfService:
                    Label(0, MessageId.OutOfService);
                    if (status.Reason == RefusalReason.KeysMissing)
                    {
                        Label(1, MessageId.KeysMissing);
                    }

                    break;
                case IndicatorState.Fault:
                    Label(0, MessageId.TerminalFault);
                    Label(1, MessageId.ServiceNeeded);
                    break;
                default:
                    Label(0, MessageId.Welcome);
                    Label(1, MessageId.PresentCardOrCode);
                    break;
            }
        }

        /// <summary>A display with fewer rows shows only the first; the decision's headline is always there.</summary>
        private void Label(int row, MessageId id)
        {
            if (row < _rows.Length)
            {
                _rows[row].Append(_messages.Text(Language, id));
            }
        }

        /// <summary>A trailing word that a narrow display drops whole rather than cut.</summary>
        private void WordIfItFits(int row, MessageId id)
        {
            if (row < _rows.Length)
            {
                _rows[row].AppendWordIfItFits(_messages.Text(Language, id));
            }
        }

        private void Amount(int row, long minorUnits)
        {
            if (row < _rows.Length)
            {
                _rows[row].AppendSpace();
                _rows[row].AppendAmount(minorUnits, FractionDigits, DecimalSeparator);
            }
        }

        private static MessageId ReasonMessage(RefusalReason reason)
        {
            switch (reason)
            {
                case RefusalReason.InsufficientFunds: return MessageId.InsufficientFunds;
                case RefusalReason.CardBlocked: return MessageId.CardBlocked;
                case RefusalReason.CardUnreadable: return MessageId.CardUnreadable;
                case RefusalReason.TapAgain: return MessageId.TapAgain;
                case RefusalReason.InvalidCode: return MessageId.InvalidCode;
                case RefusalReason.ExpiredCode: return MessageId.ExpiredCode;
                case RefusalReason.AlreadyUsed: return MessageId.AlreadyUsed;
                case RefusalReason.CardExpired: return MessageId.CardExpired;
                case RefusalReason.ServiceNeeded: return MessageId.ServiceNeeded;
                case RefusalReason.KeysMissing: return MessageId.KeysMissing;
                default: return MessageId.NotValidHere;
            }
        }

        private static MessageId WarningMessage(WarningKind warning)
        {
            switch (warning)
            {
                case WarningKind.JournalNearlyFull: return MessageId.JournalNearlyFull;
                case WarningKind.Offline: return MessageId.Offline;
                case WarningKind.BlacklistUnavailable: return MessageId.BlacklistUnavailable;
                default: return MessageId.FareTableOutdated;
            }
        }
    }
}
