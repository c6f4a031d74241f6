namespace Terminal.Firmware.Journal
{
    /// <summary>What <see cref="BatchCodec.Decode"/> learnt from a batch; reusable across decodes.</summary>
    public sealed class BatchHeader
    {
        public uint TerminalId { get; set; }

        public uint FirstSequence { get; set; }

        /// <summary>The last record's sequence: what the backend acknowledges once the batch is committed.</summary>
        public uint LastSequence { get; set; }

        public int Count { get; set; }

        /// <summary>The index of the record that failed when decoding returned <see cref="WireStatus.BadRecord"/> or a sequence error; -1 otherwise.</summary>
        public int BadRecordIndex { get; set; }

        /// <summary>The status of that record when decoding returned <see cref="WireStatus.BadRecord"/>.</summary>
        public RecordStatus BadRecordStatus { get; set; }
    }
}
