using Terminal.Firmware.Binary;
using Terminal.Firmware.Journal;

namespace Terminal.Firmware.Downlink
{
    /// <summary>
    /// The terminal's status on <c>fare/v1/terminals/{id}/status</c>, published retained (docs/protocol.md).
    /// Online form, 54 bytes: version 1 | state 1 | terminal id u32 | firmware, fare table, blacklist and keys
    /// versions u32 | journal backlog u32 | acknowledged up to u32 | next sequence u32 | clock i64 | uptime u32 |
    /// pending-load list version u32 | CRC-32 of the 50 bytes before. Offline form (the MQTT last will): version 1 | state 2 | the terminal id in
    /// decimal ASCII digits. The will is fixed at connect time and M2Mqtt on the device takes it as a UTF-8 string,
    /// so that form is 7-bit text without a zero byte, which every client carries unchanged.
    /// </summary>
    public static class StatusCodec
    {
        public const int Version = 1;
        public const int Size = 54;
        public const int StateOnline = 1;
        public const int StateOffline = 2;
        public const int MaxOfflineSize = 2 + 10;

        private const int TerminalOffset = 2;
        private const int FirmwareOffset = 6;
        private const int FareTableOffset = 10;
        private const int BlacklistOffset = 14;
        private const int KeysOffset = 18;
        private const int BacklogOffset = 22;
        private const int AckedOffset = 26;
        private const int NextOffset = 30;
        private const int ClockOffset = 34;
        private const int UptimeOffset = 42;
        private const int PendingLoadsOffset = 46;
        private const int CrcOffset = 50;

        /// <summary>Writes the 54-byte online form of <paramref name="report"/>; false when the buffer is too short.</summary>
        public static bool Encode(TerminalStatusReport report, byte[] buffer, int offset)
        {
            if (offset < 0 || buffer.Length - offset < Size)
            {
                return false;
            }

            buffer[offset] = Version;
            buffer[offset + 1] = StateOnline;
            LittleEndian.WriteUInt32(buffer, offset + TerminalOffset, report.TerminalId);
            LittleEndian.WriteUInt32(buffer, offset + FirmwareOffset, report.FirmwareVersion);
            LittleEndian.WriteUInt32(buffer, offset + FareTableOffset, report.FareTableVersion);
            LittleEndian.WriteUInt32(buffer, offset + BlacklistOffset, report.BlacklistVersion);
            LittleEndian.WriteUInt32(buffer, offset + KeysOffset, report.KeysVersion);
            LittleEndian.WriteUInt32(buffer, offset + BacklogOffset, report.JournalBacklog);
            LittleEndian.WriteUInt32(buffer, offset + AckedOffset, report.AcknowledgedUpTo);
            LittleEndian.WriteUInt32(buffer, offset + NextOffset, report.NextSequence);
            LittleEndian.WriteUInt64(buffer, offset + ClockOffset, (ulong)report.ClockUnixSeconds);
            LittleEndian.WriteUInt32(buffer, offset + UptimeOffset, report.UptimeSeconds);
            LittleEndian.WriteUInt32(buffer, offset + PendingLoadsOffset, report.PendingLoadsVersion);
            LittleEndian.WriteUInt32(buffer, offset + CrcOffset, Crc32.Compute(buffer, offset, CrcOffset));
            return true;
        }

        /// <summary>Writes the offline form for <paramref name="terminalId"/>; returns its length, or -1 when the buffer is too short.</summary>
        public static int EncodeOffline(uint terminalId, byte[] buffer, int offset)
        {
            string digits = terminalId.ToString();
            int length = 2 + digits.Length;
            if (offset < 0 || buffer.Length - offset < length)
            {
                return -1;
            }

            buffer[offset] = Version;
            buffer[offset + 1] = StateOffline;
            for (int i = 0; i < digits.Length; i++)
            {
                buffer[offset + 2 + i] = (byte)digits[i];
            }

            return length;
        }

        /// <summary>
        /// Decodes either form into <paramref name="report"/>. Statuses: Truncated, Oversized, UnknownVersion,
        /// BadCrc (online form), BadRecord (an unknown state, or an offline form that is not a decimal u32).
        /// </summary>
        public static WireStatus Decode(byte[] buffer, int offset, int length, TerminalStatusReport report)
        {
            report.Clear();
            if (offset < 0 || length < 2 || buffer.Length - offset < length)
            {
                return WireStatus.Truncated;
            }

            if (buffer[offset] != Version)
            {
                return WireStatus.UnknownVersion;
            }

            if (buffer[offset + 1] == StateOffline)
            {
                return DecodeOffline(buffer, offset, length, report);
            }

            if (buffer[offset + 1] != StateOnline)
            {
                return WireStatus.BadRecord;
            }

            if (length < Size)
            {
                return WireStatus.Truncated;
            }

            if (length > Size)
            {
                return WireStatus.Oversized;
            }

            if (LittleEndian.ReadUInt32(buffer, offset + CrcOffset) != Crc32.Compute(buffer, offset, CrcOffset))
            {
                return WireStatus.BadCrc;
            }

            report.Online = true;
            report.TerminalId = LittleEndian.ReadUInt32(buffer, offset + TerminalOffset);
            report.FirmwareVersion = LittleEndian.ReadUInt32(buffer, offset + FirmwareOffset);
            report.FareTableVersion = LittleEndian.ReadUInt32(buffer, offset + FareTableOffset);
            report.BlacklistVersion = LittleEndian.ReadUInt32(buffer, offset + BlacklistOffset);
            report.KeysVersion = LittleEndian.ReadUInt32(buffer, offset + KeysOffset);
            report.JournalBacklog = LittleEndian.ReadUInt32(buffer, offset + BacklogOffset);
            report.AcknowledgedUpTo = LittleEndian.ReadUInt32(buffer, offset + AckedOffset);
            report.NextSequence = LittleEndian.ReadUInt32(buffer, offset + NextOffset);
            report.ClockUnixSeconds = LittleEndian.ReadInt64(buffer, offset + ClockOffset);
            report.UptimeSeconds = LittleEndian.ReadUInt32(buffer, offset + UptimeOffset);
            report.PendingLoadsVersion = LittleEndian.ReadUInt32(buffer, offset + PendingLoadsOffset);
            return WireStatus.Ok;
        }

        private static WireStatus DecodeOffline(byte[] buffer, int offset, int length, TerminalStatusReport report)
        {
            if (length < 3)
            {
                return WireStatus.Truncated;
            }

            if (length > MaxOfflineSize)
            {
                return WireStatus.Oversized;
            }

            ulong id = 0;
            for (int i = offset + 2; i < offset + length; i++)
            {
                int digit = buffer[i] - '0';
                if (digit < 0 || digit > 9)
                {
                    return WireStatus.BadRecord;
                }

                id = id * 10 + (ulong)digit;
            }

            if (id > uint.MaxValue || (buffer[offset + 2] == '0' && length > 3))
            {
                return WireStatus.BadRecord;
            }

            report.TerminalId = (uint)id;
            return WireStatus.Ok;
        }
    }
}
