using Terminal.Firmware.Binary;

namespace Terminal.Firmware.Journal
{
    /// <summary>
    /// The backend's acknowledgement on <c>fare/v1/terminals/{id}/ack</c>, sent only after the records are
    /// committed: version (1), terminal id (u32), acknowledged-up-to sequence (u32), CRC-16/IBM-3740 of the
    /// first 9 bytes. The terminal id is repeated inside because an ack routed to the wrong terminal would
    /// make it delete records nobody has stored.
    /// </summary>
    public static class AckCodec
    {
        public const int Version = 1;
        public const int Size = 11;

        private const int TerminalOffset = 1;
        private const int UpToOffset = 5;
        private const int CrcOffset = 9;

        /// <summary>Writes the 11-byte ack at <paramref name="offset"/>; false when the buffer is too short.</summary>
        public static bool Encode(uint terminalId, uint upToSequence, byte[] buffer, int offset)
        {
            if (offset < 0 || buffer.Length - offset < Size)
            {
                return false;
            }

            buffer[offset] = Version;
            LittleEndian.WriteUInt32(buffer, offset + TerminalOffset, terminalId);
            LittleEndian.WriteUInt32(buffer, offset + UpToOffset, upToSequence);
            LittleEndian.WriteUInt16(buffer, offset + CrcOffset, Crc16Ccitt.Compute(buffer, offset, CrcOffset));
            return true;
        }

        public static WireStatus Decode(byte[] buffer, int offset, int length, out uint terminalId, out uint upToSequence)
        {
            terminalId = 0;
            upToSequence = 0;
            if (offset < 0 || length < Size || buffer.Length - offset < length)
            {
                return WireStatus.Truncated;
            }

            if (length > Size)
            {
                return WireStatus.Oversized;
            }

            if (buffer[offset] != Version)
            {
                return WireStatus.UnknownVersion;
            }

            if (LittleEndian.ReadUInt16(buffer, offset + CrcOffset) != Crc16Ccitt.Compute(buffer, offset, CrcOffset))
            {
                return WireStatus.BadCrc;
            }

            terminalId = LittleEndian.ReadUInt32(buffer, offset + TerminalOffset);
            upToSequence = LittleEndian.ReadUInt32(buffer, offset + UpToOffset);
            return WireStatus.Ok;
        }
    }
}
