namespace Terminal.Firmware.Downlink
{
    /// <summary>What a downlink message carries; the byte after the format version.</summary>
    public enum DownlinkKind
    {
        /// <summary>Body: a signed fare table (docs/fares.md); to-version is the table's version.</summary>
        FareTable = 1,

        /// <summary>Body: one change set per version from from-version + 1 to to-version (<see cref="BlacklistBody"/>).</summary>
        BlacklistDelta = 2,

        /// <summary>Body: every listing of to-version.</summary>
        BlacklistSnapshot = 3,

        /// <summary>Body: the complete set of backend public keys of to-version (<see cref="KeySetBody"/>).</summary>
        Keys = 4,

        /// <summary>Body: the terminal uptime the backend answers (<see cref="TimeBody"/>); issued-at is the time.</summary>
        Time = 5,

        /// <summary>Body: one pending-load change set per version from from-version + 1 to to-version (<see cref="PendingLoadBody"/>).</summary>
        PendingLoadDelta = 6,

        /// <summary>Body: every pending load of to-version.</summary>
        PendingLoadSnapshot = 7,

        /// <summary>
        /// Body: the sequence to upload again from (<see cref="ResendBody"/>); to-version numbers the backend's restore.
        /// Sent after the backend was restored from a backup (docs/protocol.md); addressed to one terminal.
        /// </summary>
        Resend = 8,
    }
}
