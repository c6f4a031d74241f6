namespace Terminal.Firmware.Journal
{
    /// <summary>The outcome of encoding or decoding one <see cref="TxRecord"/>.</summary>
    public enum RecordStatus
    {
        Ok = 0,

        /// <summary>The buffer has fewer than 32 bytes from the offset.</summary>
        TooShort,

        /// <summary>The CRC does not match: a torn, erased or corrupted record.</summary>
        BadCrc,

        UnknownVersion,

        UnknownKind,

        /// <summary>A field is out of its range, or does not fit the kind (e.g. a QR identity on a card tap, non-zero reserved bytes).</summary>
        BadField,
    }
}
