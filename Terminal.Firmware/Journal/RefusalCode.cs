namespace Terminal.Firmware.Journal
{
    /// <summary>
    /// Why a presented card or QR token was refused; stored in the amount field of a <see cref="TxKind.Refusal"/>
    /// record. Codes 1-255 are the fare engine's <c>Fares.RefusalReason</c> values unchanged; the terminal's own
    /// refusals (security and tokens) start at 256.
    /// </summary>
    public enum RefusalCode
    {
        Blacklisted = 256,

        /// <summary>The purse or identity MAC does not verify: an edited or cloned card.</summary>
        CardTampered = 257,

        TokenExpired = 258,

        TokenReplayed = 259,

        TokenBadSignature = 260,

        /// <summary>No trusted blacklist answer for the card, and the operator's policy refuses such taps.</summary>
        BlacklistUnavailable = 261,
    }
}
