namespace Terminal.Firmware.Fares
{
    /// <summary>How a card type's concession changes the fare; the value is its byte in the fare table.</summary>
    public enum ConcessionKind : byte
    {
        /// <summary>Full fare.</summary>
        None = 0,

        /// <summary>The value is a percentage taken off (0..100); the discount is rounded down.</summary>
        PercentOff = 1,

        /// <summary>The value is an amount in cents taken off; the fare never goes below zero.</summary>
        AmountOff = 2,

        /// <summary>Rides cost nothing.</summary>
        Free = 3,
    }
}
