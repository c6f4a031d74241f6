namespace Terminal.Firmware.Fares
{
    /// <summary>The result of offering a fare table to the terminal. Anything but <see cref="Loaded"/> leaves the previous table in force; a refusal changes nothing at all.</summary>
    public enum FareTableStatus
    {
        Loaded = 0,

        /// <summary>Fewer bytes than the header and its counts announce.</summary>
        Truncated = 1,

        /// <summary>Not a fare table: the first two bytes are not "FT".</summary>
        BadMagic = 2,

        /// <summary>A layout version this firmware does not know.</summary>
        UnsupportedFormat = 3,

        /// <summary>More languages, routes, zones or promotions than the terminal has room for.</summary>
        CapacityExceeded = 4,

        /// <summary>A field holds a value outside its documented range (including unsorted routes or a repeated card type).</summary>
        InvalidValue = 5,

        /// <summary>More bytes than the header and its counts announce.</summary>
        LengthMismatch = 6,

        /// <summary>The signature does not verify under the issuer key named in the header.</summary>
        BadSignature = 7,

        /// <summary>The table's version is not newer than the one in force.</summary>
        NotNewer = 8,

        /// <summary>Accepted, but its valid-from is still ahead: it waits and takes effect then.</summary>
        Pending = 9,
    }
}
