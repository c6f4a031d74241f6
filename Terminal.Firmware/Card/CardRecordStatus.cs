namespace Terminal.Firmware.Card
{
    /// <summary>How a record read from the card decoded.</summary>
    public enum CardRecordStatus
    {
        Ok = 0,

        /// <summary>All zeros: the block was never written (a blank slot, not an attack).</summary>
        Blank,

        /// <summary>The MAC does not match: edited, copied from another card, or torn mid-write.</summary>
        BadMac,

        /// <summary>A format version this terminal does not know.</summary>
        UnknownVersion,

        /// <summary>A value the format cannot hold (encoding only).</summary>
        OutOfRange,
    }
}
