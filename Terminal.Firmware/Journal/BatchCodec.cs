using Terminal.Firmware.Binary;

namespace Terminal.Firmware.Journal
{
    /// <summary>
    /// The uplink batch on <c>fare/v1/terminals/{id}/tx</c>: a 16-byte header, then N raw 32-byte journal
    /// records exactly as they sit on flash (docs/protocol.md, "Batch"). The terminal reads records from the
    /// journal straight into the payload after the header and seals it in place; the backend decodes with the
    /// same code. Header: version (1), record size (32), count (u16), terminal id (u32), first sequence (u32),
    /// CRC-32 over header bytes 0-11 and every record byte.
    /// </summary>
    public static class BatchCodec
    {
        public const int Version = 1;
        public const int HeaderSize = 16;

        /// <summary>Caps a payload at 16 KiB plus the header: small enough for M2Mqtt on a device without PSRAM.</summary>
        public const int MaxRecords = 512;

        private const int VersionOffset = 0;
        private const int RecordSizeOffset = 1;
        private const int CountOffset = 2;
        private const int TerminalOffset = 4;
        private const int FirstSequenceOffset = 8;
        private const int CrcOffset = 12;

        public static int LengthFor(int count)
        {
            return HeaderSize + (count * TxRecordCodec.Size);
        }

        /// <summary>Where record <paramref name="index"/> of a batch starting at <paramref name="batchOffset"/> lies.</summary>
        public static int RecordOffset(int batchOffset, int index)
        {
            return batchOffset + HeaderSize + (index * TxRecordCodec.Size);
        }

        /// <summary>
        /// Writes the header in front of <paramref name="count"/> records already placed at
        /// <see cref="RecordOffset"/>. Checks the records as a decoder would, so a terminal never sends a batch
        /// the backend must refuse. The payload is <see cref="LengthFor"/>(count) bytes from <paramref name="offset"/>.
        /// </summary>
        public static WireStatus Seal(byte[] payload, int offset, uint terminalId, int count, BatchHeader header)
        {
            if (count == 0)
            {
                return WireStatus.Empty;
            }

            if (count > MaxRecords)
            {
                return WireStatus.TooManyRecords;
            }

            if (offset < 0 || payload.Length - offset < LengthFor(count))
            {
                return WireStatus.Truncated;
            }

            WireStatus status = CheckRecords(payload, offset, count, TxRecordCodec.ReadSequence(payload, RecordOffset(offset, 0)), header);
            if (status != WireStatus.Ok)
            {
                return status;
            }

            payload[offset + VersionOffset] = Version;
            payload[offset + RecordSizeOffset] = TxRecordCodec.Size;
            LittleEndian.WriteUInt16(payload, offset + CountOffset, count);
            LittleEndian.WriteUInt32(payload, offset + TerminalOffset, terminalId);
            LittleEndian.WriteUInt32(payload, offset + FirstSequenceOffset, header.FirstSequence);
            LittleEndian.WriteUInt32(payload, offset + CrcOffset, ComputeCrc(payload, offset, count));
            header.TerminalId = terminalId;
            return WireStatus.Ok;
        }

        /// <summary>Validates a received payload of <paramref name="length"/> bytes completely and describes it in <paramref name="header"/>.</summary>
        public static WireStatus Decode(byte[] payload, int offset, int length, BatchHeader header)
        {
            header.Count = 0;
            header.BadRecordIndex = -1;
            header.BadRecordStatus = RecordStatus.Ok;
            if (offset < 0 || length < 0 || payload.Length - offset < length)
            {
                return WireStatus.Truncated;
            }

            if (length < HeaderSize)
            {
                return WireStatus.Truncated;
            }

            if (payload[offset + VersionOffset] != Version)
            {
                return WireStatus.UnknownVersion;
            }

            if (payload[offset + RecordSizeOffset] != TxRecordCodec.Size)
            {
                return WireStatus.BadRecordSize;
            }

            int count = LittleEndian.ReadUInt16(payload, offset + CountOffset);
            if (count == 0)
            {
                return WireStatus.Empty;
            }

            if (count > MaxRecords)
            {
                return WireStatus.TooManyRecords;
            }

            if (length < LengthFor(count))
            {
                return WireStatus.Truncated;
            }

            if (length > LengthFor(count))
            {
                return WireStatus.Oversized;
            }

            if (LittleEndian.ReadUInt32(payload, offset + CrcOffset) != ComputeCrc(payload, offset, count))
            {
                return WireStatus.BadCrc;
            }

            header.TerminalId = LittleEndian.ReadUInt32(payload, offset + TerminalOffset);
            return CheckRecords(payload, offset, count, LittleEndian.ReadUInt32(payload, offset + FirstSequenceOffset), header);
        }

        private static WireStatus CheckRecords(byte[] payload, int offset, int count, uint firstSequence, BatchHeader header)
        {
            header.BadRecordIndex = -1;
            header.BadRecordStatus = RecordStatus.Ok;
            uint previous = 0;
            for (int i = 0; i < count; i++)
            {
                int at = RecordOffset(offset, i);
                RecordStatus status = TxRecordCodec.Validate(payload, at);
                if (status != RecordStatus.Ok)
                {
                    header.BadRecordIndex = i;
                    header.BadRecordStatus = status;
                    return WireStatus.BadRecord;
                }

                uint sequence = TxRecordCodec.ReadSequence(payload, at);
                if (i == 0 && sequence != firstSequence)
                {
                    header.BadRecordIndex = 0;
                    return WireStatus.FirstSequenceMismatch;
                }

                if (i > 0 && sequence <= previous)
                {
                    header.BadRecordIndex = i;
                    return WireStatus.SequenceNotRising;
                }

                previous = sequence;
            }

            header.FirstSequence = firstSequence;
            header.LastSequence = previous;
            header.Count = count;
            return WireStatus.Ok;
        }

        private static uint ComputeCrc(byte[] payload, int offset, int count)
        {
            uint crc = Crc32.Update(Crc32.Start, payload, offset, CrcOffset);
            crc = Crc32.Update(crc, payload, offset + HeaderSize, count * TxRecordCodec.Size);
            return Crc32.Finish(crc);
        }
    }
}
