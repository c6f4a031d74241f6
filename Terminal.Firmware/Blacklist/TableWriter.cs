using Terminal.Firmware.Binary;
using System;

namespace Terminal.Firmware.Blacklist
{
    /// <summary>
    /// Builds a table file from sorted, settled entries. Geometry: 2^p pages chosen so an average page is
    /// about <see cref="TableLayout.TargetPageBytes"/>; 2^s sub-buckets per page, about one per entry, so the
    /// unary bitmap costs about two bits an entry; each entry stores only the 2h − (g + p + s) bits of its
    /// mixed value that its position does not already say, plus its reason.
    /// </summary>
    internal static class TableWriter
    {
        /// <summary>The file bytes, or null when the entries cannot fit the page and size limits.</summary>
        public static byte[]? Build(MixedEntries entries, int from, int to, int kind, int prefixBits, int segment, uint seed)
        {
            int count = to - from;
            int width = 2 * BlacklistKinds.HalfBits(kind);
            int reasonBits = 0;
            for (int i = from; i < to; i++)
            {
                while ((entries.Reason[i] >> reasonBits) != 0)
                {
                    reasonBits++;
                }
            }

            for (int pageBits = 0; prefixBits + pageBits <= width && pageBits <= 16; pageBits++)
            {
                int average = count >> pageBits;
                int subBits = 0;
                while ((1 << subBits) < average && prefixBits + pageBits + subBits < width)
                {
                    subBits++;
                }

                int entryBits = width - (prefixBits + pageBits + subBits) + reasonBits;
                if (TableLayout.PageBytes(average, subBits, entryBits) > TableLayout.TargetPageBytes && count > 0)
                {
                    continue;
                }

                byte[]? file = TryLayout(entries, from, to, kind, prefixBits, segment, seed, pageBits, subBits, reasonBits);
                if (file != null)
                {
                    return file;
                }
            }

            return null;
        }

        private static byte[]? TryLayout(
            MixedEntries entries, int from, int to, int kind, int prefixBits, int segment, uint seed, int pageBits, int subBits, int reasonBits)
        {
            int half = BlacklistKinds.HalfBits(kind);
            int prefix = prefixBits + pageBits + subBits;
            int widthA = MixedSplit.WidthA(half, prefix);
            int widthB = MixedSplit.WidthB(half, prefix);
            int entryBits = widthA + widthB + reasonBits;
            int pages = 1 << pageBits;
            int[] pageCounts = new int[pages];
            for (int i = from; i < to; i++)
            {
                pageCounts[PageOf(entries, i, half, prefix, subBits, pageBits)]++;
            }

            int pagesStart = TableLayout.PagesStart(pageBits);
            int length = pagesStart;
            for (int p = 0; p < pages; p++)
            {
                int bytes = TableLayout.PageBytes(pageCounts[p], subBits, entryBits);
                if (bytes > TableLayout.MaxPageBytes || pageCounts[p] > 0xFFFF)
                {
                    return null;
                }

                length += bytes;
            }

            if (length - pagesStart > TableLayout.MaxPagesAreaBytes)
            {
                return null;
            }

            byte[] file = new byte[length];
            WriteHeader(file, kind, prefixBits, segment, pageBits, subBits, reasonBits, to - from, seed);
            int offset = pagesStart;
            int next = from;
            for (int p = 0; p < pages; p++)
            {
                LittleEndian.WriteUInt32(file, TableLayout.HeaderBytes + 4 * p, (uint)offset);
                WritePage(file, offset, entries, next, next + pageCounts[p], half, prefix, subBits, widthA, widthB, reasonBits);
                next += pageCounts[p];
                offset += TableLayout.PageBytes(pageCounts[p], subBits, entryBits);
            }

            LittleEndian.WriteUInt32(file, TableLayout.HeaderBytes + 4 * pages, (uint)offset);
            int directoryEnd = TableLayout.HeaderBytes + TableLayout.DirectoryBytes(pageBits);
            LittleEndian.WriteUInt32(file, directoryEnd, Crc32.Compute(file, 0, directoryEnd));
            return file;
        }

        private static int PageOf(MixedEntries entries, int i, int half, int prefix, int subBits, int pageBits)
        {
            ulong value = MixedSplit.Prefix(entries.High[i], entries.Low[i], half, prefix);
            return (int)((value >> subBits) & BitPacking.Mask(pageBits));
        }

        private static void WriteHeader(byte[] file, int kind, int prefixBits, int segment, int pageBits, int subBits, int reasonBits, int count, uint seed)
        {
            Array.Copy(TableLayout.Magic, file, TableLayout.Magic.Length);
            file[TableLayout.KindAt] = (byte)kind;
            file[TableLayout.PrefixBitsAt] = (byte)prefixBits;
            file[TableLayout.SegmentAt] = (byte)segment;
            file[TableLayout.PageBitsAt] = (byte)pageBits;
            file[TableLayout.SubBitsAt] = (byte)subBits;
            file[TableLayout.ReasonBitsAt] = (byte)reasonBits;
            LittleEndian.WriteUInt32(file, TableLayout.EntriesAt, (uint)count);
            LittleEndian.WriteUInt32(file, TableLayout.SeedAt, seed);
        }

        private static void WritePage(
            byte[] file, int offset, MixedEntries entries, int from, int to, int half, int prefix, int subBits, int widthA, int widthB, int reasonBits)
        {
            int count = to - from;
            LittleEndian.WriteUInt16(file, offset, count);
            int bitmap = (offset + TableLayout.PageCountBytes) * 8;
            int cursor = 0;
            int sub = 0;
            for (int i = from; i < to; i++)
            {
                int entrySub = (int)(MixedSplit.Prefix(entries.High[i], entries.Low[i], half, prefix) & BitPacking.Mask(subBits));
                cursor += entrySub - sub;
                sub = entrySub;
                BitPacking.Write(file, bitmap + cursor, 1, 1);
                cursor++;
            }

            int field = (offset + TableLayout.PageCountBytes + TableLayout.BitmapBytes(count, subBits)) * 8;
            for (int i = from; i < to; i++)
            {
                BitPacking.Write(file, field, widthA, MixedSplit.RestA(entries.High[i], half, prefix));
                BitPacking.Write(file, field + widthA, widthB, MixedSplit.RestB(entries.Low[i], half, prefix));
                BitPacking.Write(file, field + widthA + widthB, reasonBits, entries.Reason[i]);
                field += widthA + widthB + reasonBits;
            }

            int body = TableLayout.PageBytes(count, subBits, widthA + widthB + reasonBits) - TableLayout.CrcBytes;
            LittleEndian.WriteUInt32(file, offset + body, Crc32.Compute(file, offset, body));
        }
    }
}
