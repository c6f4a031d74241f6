namespace Terminal.Firmware.Loads
{
    /// <summary>The state of the terminal's pending-load list, or why an update was refused.</summary>
    public enum PendingLoadStatus
    {
        Ok,

        /// <summary>No version installed yet: lookups find nothing.</summary>
        Empty,

        /// <summary>The file's length or CRC does not check out: lookups find nothing until a snapshot replaces it.</summary>
        Corrupt,

        WrongBaseVersion,

        /// <summary>More entries than <see cref="PendingLoadList.MaxEntries"/>.</summary>
        TooLarge,

        /// <summary>A UID that is not 4, 7 or 10 bytes, an amount of 0, or two entries for one card.</summary>
        InvalidEntry,

        StorageFull,
    }
}
