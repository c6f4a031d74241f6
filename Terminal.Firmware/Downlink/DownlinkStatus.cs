namespace Terminal.Firmware.Downlink
{
    /// <summary>The outcome of decoding or applying a downlink message. Anything but Ok and Applied changed nothing.</summary>
    public enum DownlinkStatus
    {
        /// <summary>Decoded (codec only).</summary>
        Ok = 0,

        /// <summary>Verified and applied; a fare table may be waiting for its valid-from.</summary>
        Applied,

        /// <summary>The terminal already holds this version or a newer one (or, for time, a newer issued-at).</summary>
        Stale,

        Truncated,

        Oversized,

        UnknownVersion,

        UnknownKind,

        /// <summary>The header or body does not follow the format.</summary>
        Malformed,

        /// <summary>Addressed to another terminal.</summary>
        WrongTerminal,

        /// <summary>Signed with a key id the terminal does not hold.</summary>
        UnknownKey,

        BadSignature,

        /// <summary>A blacklist delta from another version than the installed one: the status tells the backend which.</summary>
        WrongBaseVersion,

        /// <summary>Verified, but the store refused the content (a fare table that does not parse or verify, an invalid key...).</summary>
        Refused,

        /// <summary>The flash refused the write; the previous version stays.</summary>
        StorageError,
    }
}
