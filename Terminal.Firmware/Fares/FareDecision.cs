namespace Terminal.Firmware.Fares
{
    /// <summary>
    /// The result of pricing one tap. The caller keeps one instance and passes it to every
    /// <see cref="FareEngine.Price"/> call, so pricing allocates nothing.
    /// </summary>
    public sealed class FareDecision
    {
        public FareOutcome Outcome { get; internal set; }

        public RefusalReason Reason { get; internal set; }

        /// <summary>Cents to take from the balance (0 unless the outcome is Charge or Transfer).</summary>
        public int Amount { get; internal set; }

        /// <summary>The ride's fare after promotion and concession, before transfer credit and cap; 0 when already paid or refused before the fare was known.</summary>
        public int Fare { get; internal set; }

        /// <summary><see cref="FareRules"/> bits.</summary>
        public int Rules { get; internal set; }

        /// <summary>Index of the promotion in the table that applied, or -1.</summary>
        public int Promotion { get; internal set; }

        /// <summary>
        /// The state to write back to the card; equal to the old state when nothing is to be written.
        /// It may itself be passed as the card state of the next <see cref="FareEngine.Price"/> call.
        /// </summary>
        public TripState NewState { get; } = new TripState();

        /// <summary>True when the card must be written (a ride was accepted: Charge, Transfer or Capped).</summary>
        public bool WritesCard
        {
            get { return Outcome == FareOutcome.Charge || Outcome == FareOutcome.Transfer || Outcome == FareOutcome.Capped; }
        }

        internal void Start(TripState state)
        {
            Outcome = FareOutcome.Refused;
            Reason = RefusalReason.None;
            Amount = 0;
            Fare = 0;
            Rules = FareRules.None;
            Promotion = -1;
            NewState.CopyFrom(state);
        }

        internal void Refuse(RefusalReason reason)
        {
            Outcome = FareOutcome.Refused;
            Reason = reason;
            Amount = 0;
        }
    }
}
