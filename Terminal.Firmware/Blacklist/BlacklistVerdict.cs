namespace Terminal.Firmware.Blacklist
{
    public enum BlacklistOutcome
    {
        NotListed,
        Listed,

        /// <summary>No trusted blacklist is installed (empty or corrupt store): the caller applies its offline policy.</summary>
        Unavailable,

        /// <summary>The page holding the key failed its CRC: the answer is unknown.</summary>
        Corrupt,

        /// <summary>The key has no blacklist kind (a UID that is not 4, 7 or 10 bytes).</summary>
        InvalidKey,
    }

    /// <summary>Result of a lookup; a struct so that looking up allocates nothing.</summary>
    public struct BlacklistVerdict
    {
        public BlacklistOutcome Outcome;

        /// <summary>Why the key is listed (1..255, issuer-defined), or 0 when it is not.</summary>
        public byte Reason;

        public BlacklistVerdict(BlacklistOutcome outcome, byte reason)
        {
            Outcome = outcome;
            Reason = reason;
        }

        public bool IsListed
        {
            get { return Outcome == BlacklistOutcome.Listed; }
        }
    }
}
