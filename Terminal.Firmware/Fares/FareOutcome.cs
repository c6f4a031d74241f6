namespace Terminal.Firmware.Fares
{
    /// <summary>What the terminal does with a tap.</summary>
    public enum FareOutcome
    {
        /// <summary>A new journey: the amount (possibly reduced by the cap, possibly zero for a free concession) is charged.</summary>
        Charge = 0,

        /// <summary>A transfer within the window: only the difference to the journey's fare is charged, possibly zero.</summary>
        Transfer = 1,

        /// <summary>The same card on the same terminal again within the passback window: nothing is charged or written.</summary>
        AlreadyPaid = 2,

        /// <summary>The daily cap is reached: the ride is free.</summary>
        Capped = 3,

        /// <summary>No ride; see <see cref="FareDecision.Reason"/>. Nothing is charged or written.</summary>
        Refused = 4,
    }
}
