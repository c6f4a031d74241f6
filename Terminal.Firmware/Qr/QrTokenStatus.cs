namespace Terminal.Firmware.Qr
{
    /// <summary>The verdict on one scanned QR ride token.</summary>
    public enum QrTokenStatus
    {
        /// <summary>Signed by a provisioned key, inside its validity window, not seen before: ride, and it is now marked used.</summary>
        Ok,

        /// <summary>Not a token: bad text, wrong length, unknown format version or an impossible validity window.</summary>
        Malformed,

        /// <summary>Names a key id this terminal does not hold (not yet provisioned, or withdrawn).</summary>
        UnknownKey,

        /// <summary>The signature does not verify: forged or altered.</summary>
        BadSignature,

        /// <summary>Its validity starts later than now plus the allowed clock skew.</summary>
        NotYetValid,

        /// <summary>Its validity ended before now minus the allowed clock skew.</summary>
        Expired,

        /// <summary>This token id was already accepted on this terminal.</summary>
        Replayed,
    }
}
