namespace Terminal.Firmware.Fares
{
    /// <summary>Why a tap was refused.</summary>
    public enum RefusalReason
    {
        None = 0,

        /// <summary>No fare table has been loaded.</summary>
        NoTable = 1,

        /// <summary>The tap is before the table's valid-from time.</summary>
        TableNotYetValid = 2,

        /// <summary>The tap is at or after the table's valid-until time.</summary>
        TableExpired = 3,

        /// <summary>The caller reports the card or account as expired.</summary>
        CardExpired = 4,

        /// <summary>The card's type byte names no known card type.</summary>
        UnknownCardType = 5,

        /// <summary>The table has no fare for this route, or these zones.</summary>
        NoFareForRoute = 6,

        /// <summary>The balance is already negative (after an overdraft ride): top up first.</summary>
        TopUpRequired = 7,

        /// <summary>The balance does not cover the charge, and the overdraft does not apply.</summary>
        InsufficientFunds = 8,
    }
}
