namespace Terminal.Firmware.Blacklist
{
    /// <summary>State of the store and result of its update operations.</summary>
    public enum BlacklistStatus
    {
        Ok,

        /// <summary>No blacklist was ever installed (no manifest): load a snapshot.</summary>
        Empty,

        /// <summary>A CRC, a length or a header field does not match: the store is not trusted until a snapshot is loaded.</summary>
        Corrupt,

        /// <summary>The delta was made for another version than the installed one; nothing changed.</summary>
        WrongBaseVersion,

        /// <summary>The drive had no room for the new files; the previous version stays installed.</summary>
        StorageFull,

        /// <summary>The entries do not fit the table limits (a table over 128 KiB of pages); nothing changed.</summary>
        TooLarge,

        /// <summary>An entry has a bad kind or a snapshot entry has reason 0; nothing changed.</summary>
        InvalidEntry,

        /// <summary>Updates other than a snapshot need an installed, intact store.</summary>
        NotLoaded,
    }
}
