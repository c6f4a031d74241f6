using Terminal.Firmware.Binary;
using Terminal.Firmware.Blacklist;

namespace Terminal.Firmware.Downlink
{
    /// <summary>
    /// Blacklist bodies of downlink messages. A section is a change count u32 and that many entries: kind u8
    /// (<see cref="BlacklistKind"/>), reason u8 (0 = remove), key (4, 7, 10 or 8 bytes by kind). A snapshot body
    /// is one section of listings; a delta body is one section per version step, in order, so a single signed
    /// message can bring a terminal from its version to the latest.
    /// </summary>
    public static class BlacklistBody
    {
        public const int CountSize = 4;
        private const int EntryHeaderSize = 2;

        public static int SectionLength(BlacklistChanges changes)
        {
            int length = CountSize;
            for (int i = 0; i < changes.Count; i++)
            {
                length += EntryHeaderSize + BlacklistKinds.KeyBytes(changes.KindAt(i));
            }

            return length;
        }

        /// <summary>Writes one section; returns the offset after it, or -1 when the buffer is too short.</summary>
        public static int WriteSection(BlacklistChanges changes, byte[] buffer, int offset)
        {
            if (offset < 0 || buffer.Length - offset < SectionLength(changes))
            {
                return -1;
            }

            LittleEndian.WriteUInt32(buffer, offset, (uint)changes.Count);
            int at = offset + CountSize;
            for (int i = 0; i < changes.Count; i++)
            {
                int kind = changes.KindAt(i);
                buffer[at] = (byte)kind;
                buffer[at + 1] = changes.ReasonAt(i);
                System.Array.Copy(changes.Keys, i * BlacklistChanges.KeyStride, buffer, at + EntryHeaderSize, BlacklistKinds.KeyBytes(kind));
                at += EntryHeaderSize + BlacklistKinds.KeyBytes(kind);
            }

            return at;
        }

        /// <summary>
        /// Reads the section at <paramref name="offset"/> (ending no later than <paramref name="end"/>) into
        /// <paramref name="into"/> when it is not null; returns the offset after it, or -1 when it is malformed: cut
        /// short, an unknown kind, or a removal where <paramref name="listingsOnly"/> asks for listings.
        /// </summary>
        public static int ReadSection(byte[] buffer, int offset, int end, bool listingsOnly, BlacklistChanges? into)
        {
            if (end - offset < CountSize)
            {
                return -1;
            }

            uint count = LittleEndian.ReadUInt32(buffer, offset);
            int at = offset + CountSize;
            for (uint i = 0; i < count; i++)
            {
                if (end - at < EntryHeaderSize)
                {
                    return -1;
                }

                int kind = buffer[at];
                byte reason = buffer[at + 1];
                if (kind >= BlacklistKinds.Count || (listingsOnly && reason == 0) || end - at - EntryHeaderSize < BlacklistKinds.KeyBytes(kind))
                {
                    return -1;
                }

                if (into != null)
                {
                    if (reason == 0)
                    {
                        into.Remove((BlacklistKind)kind, buffer, at + EntryHeaderSize);
                    }
                    else
                    {
                        into.List((BlacklistKind)kind, buffer, at + EntryHeaderSize, reason);
                    }
                }

                at += EntryHeaderSize + BlacklistKinds.KeyBytes(kind);
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
