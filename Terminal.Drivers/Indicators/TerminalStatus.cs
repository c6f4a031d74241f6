namespace Terminal.Drivers.Indicators
{
    /// <summary>
    /// One decision to show: the state and the figures or reason that go with it. A value type,
    /// so announcing a tap's result allocates nothing.
    /// </summary>
    public struct TerminalStatus
    {
        private TerminalStatus(IndicatorState state, long fareCents, long balanceCents, bool hasBalance, RefusalReason reason, WarningKind warning)
        {
            IsAlreadyPaid = false;
            LoadedCents = 0;
            State = state;
            FareCents = fareCents;
            BalanceCents = balanceCents;
            HasBalance = hasBalance;
            Reason = reason;
            Warning = warning;
        }

        public IndicatorState State { get; private set; }

        /// <summary>Charged amount in minor currency units (Accepted).</summary>
        public long FareCents { get; private set; }

        /// <summary>Stored value left on the card in minor units; may be negative after an overdraft ride.</summary>
        public long BalanceCents { get; private set; }

        /// <summary>False for a QR charge to an account, whose balance the terminal does not know.</summary>
        public bool HasBalance { get; private set; }

        /// <summary>Accepted without a charge: this card already paid for this boarding (anti-passback, or a tap completed after the card was pulled away).</summary>
        public bool IsAlreadyPaid { get; private set; }

        /// <summary>A pending load (an online top-up) this tap added to the card, in minor units; 0 when none.</summary>
        public long LoadedCents { get; private set; }

        /// <summary>Meaningful when <see cref="State"/> is Refused, and when it is OutOfService for want of keys.</summary>
        public RefusalReason Reason { get; private set; }

        /// <summary>Meaningful only when <see cref="State"/> is Warning.</summary>
        public WarningKind Warning { get; private set; }

        /// <summary>Accepted, Refused and Fault are shown for a while; the others are where the panel rests.</summary>
        public bool IsTransient
        {
            get { return State == IndicatorState.Accepted || State == IndicatorState.Refused || State == IndicatorState.Fault; }
        }

        public static TerminalStatus Ready()
        {
            return new TerminalStatus(IndicatorState.Ready, 0, 0, false, RefusalReason.InsufficientFunds, WarningKind.JournalNearlyFull);
        }

        public static TerminalStatus Accepted(long fareCents, long balanceCents)
        {
            return new TerminalStatus(IndicatorState.Accepted, fareCents, balanceCents, true, RefusalReason.InsufficientFunds, WarningKind.JournalNearlyFull);
        }

        public static TerminalStatus AlreadyPaid(long balanceCents)
        {
            TerminalStatus status = new TerminalStatus(IndicatorState.Accepted, 0, balanceCents, true, RefusalReason.InsufficientFunds, WarningKind.JournalNearlyFull);
            status.IsAlreadyPaid = true;
            return status;
        }

        /// <summary>Accepted after adding a pending load: the panel shows the top-up and the balance after the ride.</summary>
        public static TerminalStatus ToppedUp(long loadedCents, long balanceCents)
        {
            TerminalStatus status = new TerminalStatus(IndicatorState.Accepted, 0, balanceCents, true, RefusalReason.InsufficientFunds, WarningKind.JournalNearlyFull);
            status.LoadedCents = loadedCents;
            return status;
        }

        public static TerminalStatus AcceptedWithoutBalance(long fareCents)
        {
            return new TerminalStatus(IndicatorState.Accepted, fareCents, 0, false, RefusalReason.InsufficientFunds, WarningKind.JournalNearlyFull);
        }

        public static TerminalStatus Refused(RefusalReason reason)
        {
            return new TerminalStatus(IndicatorState.Refused, 0, 0, false, reason, WarningKind.JournalNearlyFull);
        }

        public static TerminalStatus Warned(WarningKind warning)
        {
            return new TerminalStatus(IndicatorState.Warning, 0, 0, false, RefusalReason.InsufficientFunds, warning);
        }

        public static TerminalStatus OutOfService()
        {
            return new TerminalStatus(IndicatorState.OutOfService, 0, 0, false, RefusalReason.InsufficientFunds, WarningKind.JournalNearlyFull);
        }

        /// <summary>Out of service because the terminal holds no valid identity and keys: the display says so.</summary>
        public static TerminalStatus Unprovisioned()
        {
            return new TerminalStatus(IndicatorState.OutOfService, 0, 0, false, RefusalReason.KeysMissing, WarningKind.JournalNearlyFull);
        }

        /// <summary>A step of the main loop failed; the panel holds it for its fault hold.</summary>
        public static TerminalStatus Fault()
        {
            return new TerminalStatus(IndicatorState.Fault, 0, 0, false, RefusalReason.InsufficientFunds, WarningKind.JournalNearlyFull);
        }
    }
}
