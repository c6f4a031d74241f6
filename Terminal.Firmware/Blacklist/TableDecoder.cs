using Terminal.Firmware.Binary;
using Terminal.Drivers.Hal;

namespace Terminal.Firmware.Blacklist
{
    /// <summary>
    /// Reads a whole table back into mixed entries, checking every CRC, so an update can merge it.
    /// Update path only: it holds the file in RAM (a segment is tens of KB).
    /// </summary>
    internal static class TableDecoder
    {
        /// <summary>Appends the table's entries in order to <paramref name="into"/>; false when the file is damaged.</summary>
        public static bool DecodeInto(IStorage storage, string name, int kind, MixedEntries into)
        {
            int length = storage.Length(name);
            if (length < TableLayout.HeaderBytes)
            {
                return false;
            }

            byte[] file = new byte[length];
            if (storage.Read(name, 0, file, 0, length) != length || !TableLayout.HasMagic(file, 0) || file[TableLayout.KindAt] != kind)
            {
                return false;
            }

            int g = file[TableLayout.PrefixBitsAt];
            int p = file[TableLayout.PageBitsAt];
            int s = file[TableLayout.SubBitsAt];
            int reasonBits = file[TableLayout.ReasonBitsAt];
            int half = BlacklistKinds.HalfBits(kind);
            int prefix = g + p + s;
            int crcAt = TableLayout.HeaderBytes + TableLayout.DirectoryBytes(p);
            if (p > 16 || prefix > 2 * half || crcAt + TableLayout.CrcBytes > length
                || Crc32.Compute(file, 0, crcAt) != LittleEndian.ReadUInt32(file, crcAt))
            {
                return false;
            }

            ulong segmentPrefix = g == 0 ? 0 : (ulong)file[TableLayout.SegmentAt];
            int widthA = MixedSplit.WidthA(half, prefix);
            int widthB = MixedSplit.WidthB(half, prefix);
            int entryBits = widthA + widthB + reasonBits;
            for (int page = 0; page < 1 << p; page++)
            {
                int start = (int)LittleEndian.ReadUInt32(file, TableLayout.HeaderBytes + 4 * page);
                int end = (int)LittleEndian.ReadUInt32(file, TableLayout.HeaderBytes + 4 * (page + 1));
                if (start < crcAt || end > length || end - start < TableLayout.PageCountBytes + TableLayout.CrcBytes)
                {
                    return false;
                }

                int body = end - TableLayout.CrcBytes;
                int count = LittleEndian.ReadUInt16(file, start);
                if (Crc32.Compute(file, start, body - start) != LittleEndian.ReadUInt32(file, body)
                    || TableLayout.PageBytes(count, s, entryBits) != end - start)
                {
                    return false;
                }

                ulong pagePrefix = ((segmentPrefix << p) | (uint)page) << s;
                int bit = (start + TableLayout.PageCountBytes) * 8;
                int bitmapEnd = bit + count + (1 << s);
                int field = (start + TableLayout.PageCountBytes + TableLayout.BitmapBytes(count, s)) * 8;
                ulong sub = 0;
                int decoded = 0;
                for (; bit < bitmapEnd; bit++)
                {
                    if (!BitPacking.IsSet(file, bit))
                    {
                        sub++;
                        continue;
                    }

                    if (decoded == count)
                    {
                        return false;
                    }

                    ulong position = pagePrefix | sub;
                    ulong restA = BitPacking.Read(file, body, field, widthA);
                    ulong restB = BitPacking.Read(file, body, field + widthA, widthB);
                    byte reason = (byte)BitPacking.Read(file, body, field + widthA + widthB, reasonBits);
                    into.Add(MixedSplit.JoinHigh(position, restA, half, prefix), MixedSplit.JoinLow(position, restB, half, prefix), reason);
                    field += entryBits;
                    decoded++;
                }

                if (decoded != count)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
