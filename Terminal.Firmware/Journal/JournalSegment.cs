namespace Terminal.Firmware.Journal
{
    /// <summary>
    /// What the journal knows of one segment file, "journal.{number}". Slot k of a segment holds sequence
    /// <see cref="BaseSequence"/> + k: appends fill slots in order and take consecutive numbers, and a segment
    /// is never appended to again once <see cref="Closed"/>.
    /// </summary>
    public sealed class JournalSegment
    {
        public const string NamePrefix = "journal.";

        public JournalSegment(uint number)
        {
            Number = number;
            Name = NamePrefix + number.ToString();
        }

        public uint Number { get; private set; }

        /// <summary>Built once, so that appending does not allocate a file name.</summary>
        public string Name { get; private set; }

        /// <summary>Bytes in the file, a torn tail included.</summary>
        public int Length { get; set; }

        public int ValidCount { get; set; }

        /// <summary>The sequence of slot 0; meaningful once <see cref="ValidCount"/> is above 0.</summary>
        public uint BaseSequence { get; set; }

        public uint LastSequence { get; set; }

        /// <summary>Full, or ended by a torn or damaged record, or by a storage error: the next append starts a new segment.</summary>
        public bool Closed { get; set; }

        /// <summary>Slots that hold at least one byte: each of them spent a sequence number.</summary>
        public int TouchedSlots
        {
            get { return (Length + TxRecordCodec.Size - 1) / TxRecordCodec.Size; }
        }

        public int WholeSlots
        {
            get { return Length / TxRecordCodec.Size; }
        }
    }
}
