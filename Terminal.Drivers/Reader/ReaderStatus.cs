namespace Terminal.Drivers.Reader
{
    /// <summary>
    /// The outcome of every reader operation. The tap path branches on these; it
    /// never catches exceptions.
    /// </summary>
    public enum ReaderStatus
    {
        Ok = 0,

        /// <summary>Nothing answered within the timeout.</summary>
        Timeout,

        /// <summary>A frame arrived with a wrong CRC_A or parity.</summary>
        CrcError,

        /// <summary>Two or more cards answered with different bits.</summary>
        Collision,

        /// <summary>The card answered with a 4-bit NAK.</summary>
        Nak,

        /// <summary>MIFARE authentication failed (wrong key, or the card refused the block).</summary>
        AuthFailed,

        /// <summary>A selected card stopped answering: it left the field.</summary>
        CardGone,

        /// <summary>An answer of the wrong length or shape, or a chip protocol error.</summary>
        ProtocolError,

        /// <summary>The reader chip itself did not answer as an MFRC522 should.</summary>
        ChipError,
    }
}
