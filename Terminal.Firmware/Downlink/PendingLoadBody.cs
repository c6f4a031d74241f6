using Terminal.Firmware.Binary;
using Terminal.Firmware.Loads;

namespace Terminal.Firmware.Downlink
{
    /// <summary>
    /// Pending-load bodies of downlink messages (docs/pending-loads.md). A section is a change count u32 and that many
    /// entries: UID length u8 (4, 7 or 10) | UID | load number u16 | amount u16 (cents; 0 = the card has no load
    /// waiting any more). A snapshot body is one section without removals; a delta body is one section per version
    /// step, in order, as for the blacklist (<see cref="BlacklistBody"/>).
    /// </summary>
    public static class PendingLoadBody
    {
        public const int CountSize = 4;
        private const int EntryFixedSize = 5;

        public static int SectionLength(PendingLoadChanges changes)
        {
            int length = CountSize;
            for (int i = 0; i < changes.Count; i++)
            {
                length += EntryFixedSize + changes.UidLengthAt(i);
            }

            return length;
        }

        /// <summary>Writes one section; returns the offset after it, or -1 when the buffer is too short.</summary>
        public static int WriteSection(PendingLoadChanges changes, byte[] buffer, int offset)
        {
            if (offset < 0 || buffer.Length - offset < SectionLength(changes))
            {
                return -1;
            }

            LittleEndian.WriteUInt32(buffer, offset, (uint)changes.Count);
            int at = offset + CountSize;
            for (int i = 0; i < changes.Count; i++)
            {
                int length = changes.UidLengthAt(i);
                buffer[at] = (byte)length;
                System.Array.Copy(changes.Uids, i * PendingLoadChanges.UidStride, buffer, at + 1, length);
                LittleEndian.WriteUInt16(buffer, at + 1 + length, changes.NumberAt(i));
                LittleEndian.WriteUInt16(buffer, at + 3 + length, changes.AmountAt(i));
                at += EntryFixedSize + length;
            }

            return at;
        }

        /// <summary>
        /// Reads the section at <paramref name="offset"/> (ending no later than <paramref name="end"/>) into
        /// <paramref name="into"/> when it is not null; returns the offset after it, or -1 when it is malformed: cut
        /// short, a UID length other than 4, 7 or 10, or a removal where <paramref name="listingsOnly"/> asks for loads.
        /// </summary>
        public static int ReadSection(byte[] buffer, int offset, int end, bool listingsOnly, PendingLoadChanges? into)
        {
            if (end - offset < CountSize)
            {
                return -1;
            }

            uint count = LittleEndian.ReadUInt32(buffer, offset);
            int at = offset + CountSize;
            for (uint i = 0; i < count; i++)
            {
                if (end - at < 1)
                {
                    return -1;
                }

                int length = buffer[at];
                if ((length != 4 && length != 7 && length != PendingLoadChanges.UidStride) || end - at < EntryFixedSize + length)
                {
                    return -1;
                }

                int number = LittleEndian.ReadUInt16(buffer, at + 1 + length);
                int amount = LittleEndian.ReadUInt16(buffer, at + 3 + length);
                if (listingsOnly && amount == 0)
                {
                    return -1;
                }

                if (into != null)
                {
                    into.Add(buffer, at + 1, length, number, amount);
                }

                at += EntryFixedSize + length;
            }

            return at;
        }

        /// <summary>True when the body is exactly <paramref name="sections"/> well-formed sections.</summary>
        public static bool IsWellFormed(byte[] buffer, int offset, int length, uint sections, bool listingsOnly)
        {
            int end = offset + length;
            int at = offset;
            for (uint i = 0; i < sections; i++)
            {
                at = ReadSection(buffer, at, end, listingsOnly, null);
                if (at < 0)
                {
                    return false;
                }
            }

            return at == end;
        }
    }
}
