namespace Terminal.Firmware.Fares
{
    /// <summary>How a promotion changes the base fare; the value is its byte in the fare table.</summary>
    public enum PromotionKind : byte
    {
        /// <summary>The value is the fare in cents (never more than the base fare).</summary>
        FixedPrice = 1,

        /// <summary>The value is a percentage taken off (0..100); the discount is rounded down.</summary>
        PercentOff = 2,

        /// <summary>The value is an amount in cents taken off; the fare never goes below zero.</summary>
        AmountOff = 3,
    }
}
