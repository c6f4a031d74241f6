namespace Terminal.Firmware.Journal
{
    /// <summary>The outcome of sealing or decoding an uplink batch or an ack (docs/protocol.md).</summary>
    public enum WireStatus
    {
        Ok = 0,

        /// <summary>Fewer bytes than the header, or than the header says follow.</summary>
        Truncated,

        /// <summary>More bytes than the header accounts for.</summary>
        Oversized,

        /// <summary>A batch of zero records.</summary>
        Empty,

        /// <summary>More records than <see cref="BatchCodec.MaxRecords"/>.</summary>
        TooManyRecords,

        UnknownVersion,

        /// <summary>The header's record size is not the 32 bytes of this format.</summary>
        BadRecordSize,

        BadCrc,

        /// <summary>A record inside fails its own validation; see <see cref="BatchHeader.BadRecordIndex"/>.</summary>
        BadRecord,

        /// <summary>The first record's sequence is not the header's first sequence.</summary>
        FirstSequenceMismatch,

        /// <summary>Record sequences do not strictly rise.</summary>
        SequenceNotRising,
    }
}
