namespace Terminal.Firmware.Journal
{
    /// <summary>Why a presented card or QR token was refused; stored in the amount field of a <see cref="TxKind.Refusal"/> record.</summary>
    public enum RefusalReason
    {
        Blacklisted = 1,

        /// <summary>The purse MAC or the card's data structure does not verify: an edited or cloned card.</summary>
        CardTampered = 2,

        InsufficientBalance = 3,

        PassbackBlocked = 4,

        TokenExpired = 5,

        TokenReplayed = 6,

        TokenBadSignature = 7,
    }
}
