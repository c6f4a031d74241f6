namespace Terminal.Drivers.Indicators
{
    /// <summary>Why a tap or a scan was refused, as the passenger is told.</summary>
    public enum RefusalReason
    {
        InsufficientFunds,
        CardBlocked,
        CardUnreadable,

        /// <summary>The card left the field mid-transaction: tap again to finish.</summary>
        TapAgain,

        InvalidCode,
        ExpiredCode,

        /// <summary>A code or card already used for this ride (replay, anti-passback).</summary>
        AlreadyUsed,

        NotValidHere,

        /// <summary>The card's validity ended.</summary>
        CardExpired,

        /// <summary>The terminal cannot take fares (its journal is full): the driver calls the depot.</summary>
        ServiceNeeded,

        /// <summary>The terminal holds no valid provisioning file (identity and keys): it cannot take fares until re-provisioned.</summary>
        KeysMissing
    }
}
