using Terminal.Firmware.Binary;
using Terminal.Drivers.Hal;

namespace Terminal.Firmware.Blacklist
{
    /// <summary>
    /// The in-RAM index of the installed tables: each table's geometry and its page offsets (halved, 16 bits
    /// each), kept as parallel arrays rather than one object per table to keep the RAM count small. With it a
    /// lookup reads exactly one page of one table.
    /// </summary>
    internal sealed class TableDirectory
    {
        public const int NotFound = -1;
        public const int Corrupt = -2;

        private readonly string[] names = new string[BlacklistManifest.Tables];
        private readonly bool[] present = new bool[BlacklistManifest.Tables];
        private readonly byte[] prefixBits = new byte[BlacklistManifest.Tables];
        private readonly byte[] pageBits = new byte[BlacklistManifest.Tables];
        private readonly byte[] subBits = new byte[BlacklistManifest.Tables];
        private readonly byte[] reasonBits = new byte[BlacklistManifest.Tables];
        private readonly int[] firstOffset = new int[BlacklistManifest.Tables];
        private ushort[] halfOffsets = new ushort[0];

        public bool IsPresent(int table)
        {
            return present[table];
        }

        public string Name(int table)
        {
            return names[table];
        }

        /// <summary>Checks every live table's length, header and directory CRC against the manifest and loads them.</summary>
        public BlacklistStatus Load(IStorage storage, BlacklistManifest manifest, byte[] scratch)
        {
            int total = 0;
            for (int kind = 0; kind < BlacklistKinds.Count; kind++)
            {
                for (int segment = 0; segment < BlacklistManifest.TablesPerKind; segment++)
                {
                    int t = BlacklistManifest.Table(kind, segment);
                    present[t] = manifest.IsLive(kind, segment);
                    names[t] = BlacklistManifest.TableName(kind, segment, manifest.LiveSlot(kind, segment));
                    if (present[t])
                    {
                        if (!ReadHeader(storage, manifest, kind, segment, scratch))
                        {
                            return BlacklistStatus.Corrupt;
                        }

                        firstOffset[t] = total;
                        total += (1 << pageBits[t]) + 1;
                    }
                }
            }

            halfOffsets = new ushort[total];
            for (int t = 0; t < BlacklistManifest.Tables; t++)
            {
                if (present[t] && !ReadDirectory(storage, t, manifest.Lengths[t]))
                {
                    return BlacklistStatus.Corrupt;
                }
            }

            return BlacklistStatus.Ok;
        }

        /// <summary>
        /// Looks a mixed key up in one table with one read of one page into <paramref name="buffer"/>.
        /// Returns the stored reason (0 = a removal in an overlay), <see cref="NotFound"/> or <see cref="Corrupt"/>.
        /// </summary>
        public int Find(IStorage storage, int table, int half, ulong high, ulong low, byte[] buffer)
        {
            int s = subBits[table];
            int prefix = prefixBits[table] + pageBits[table] + s;
            ulong position = MixedSplit.Prefix(high, low, half, prefix);
            int at = firstOffset[table] + (int)((position >> s) & BitPacking.Mask(pageBits[table]));
            int start = TableLayout.PagesStart(pageBits[table]) + 2 * halfOffsets[at];
            int length = 2 * (halfOffsets[at + 1] - halfOffsets[at]);
            if (length < TableLayout.PageCountBytes + TableLayout.CrcBytes + 2 || length > buffer.Length)
            {
                return Corrupt;
            }

            if (storage.Read(names[table], start, buffer, 0, length) != length)
            {
                return Corrupt;
            }

            int body = length - TableLayout.CrcBytes;
            if (Crc32.Compute(buffer, 0, body) != LittleEndian.ReadUInt32(buffer, body))
            {
                return Corrupt;
            }

            int count = LittleEndian.ReadUInt16(buffer, 0);
            int widthA = MixedSplit.WidthA(half, prefix);
            int widthB = MixedSplit.WidthB(half, prefix);
            int entryBits = widthA + widthB + reasonBits[table];
            if (TableLayout.PageBytes(count, s, entryBits) != length)
            {
                return Corrupt;
            }

            int first;
            int end;
            if (!SubBucket(buffer, count, s, (int)(position & BitPacking.Mask(s)), out first, out end))
            {
                return Corrupt;
            }

            ulong restA = MixedSplit.RestA(high, half, prefix);
            ulong restB = MixedSplit.RestB(low, half, prefix);
            int field = (TableLayout.PageCountBytes + TableLayout.BitmapBytes(count, s)) * 8 + first * entryBits;
            for (int i = first; i < end; i++, field += entryBits)
            {
                if (BitPacking.Read(buffer, body, field, widthA) == restA && BitPacking.Read(buffer, body, field + widthA, widthB) == restB)
                {
                    return (int)BitPacking.Read(buffer, body, field + widthA + widthB, reasonBits[table]);
                }
            }

            return NotFound;
        }

        /// <summary>Bytes of the arrays kept in RAM, including the file names' characters.</summary>
        public int RamBytes
        {
            get
            {
                int bytes = halfOffsets.Length * 2 + BlacklistManifest.Tables * (5 + 4);
                for (int t = 0; t < names.Length; t++)
                {
                    bytes += names[t] == null ? 0 : names[t].Length;
                }

                return bytes;
            }
        }

        /// <summary>
        /// Finds entries [first, end) of sub-bucket <paramref name="sub"/> in the unary bitmap: skips sub zero
        /// bits (whole bytes at a time while it can), then counts the ones that follow.
        /// </summary>
        private static bool SubBucket(byte[] page, int count, int subBits, int sub, out int first, out int end)
        {
            int position = TableLayout.PageCountBytes * 8;
            int limit = position + count + (1 << subBits);
            int ones = 0;
            int zeros = sub;
            while (zeros > 0)
            {
                if ((position & 7) == 0 && position + 8 <= limit)
                {
                    int b = page[position >> 3];
                    int zerosInByte = 8 - BitPacking.CountOnes(b);
                    if (zerosInByte < zeros)
                    {
                        ones += 8 - zerosInByte;
                        zeros -= zerosInByte;
                        position += 8;
                        continue;
                    }
                }

                if (position >= limit)
                {
                    first = end = 0;
                    return false;
                }

                if (BitPacking.IsSet(page, position))
                {
                    ones++;
                }
                else
                {
                    zeros--;
                }

                position++;
            }

            first = ones;
            while (position < limit && BitPacking.IsSet(page, position))
            {
                ones++;
                position++;
            }

            end = ones;
            return end <= count;
        }

        private bool ReadHeader(IStorage storage, BlacklistManifest manifest, int kind, int segment, byte[] scratch)
        {
            int t = BlacklistManifest.Table(kind, segment);
            if (storage.Length(names[t]) != manifest.Lengths[t] || storage.Read(names[t], 0, scratch, 0, TableLayout.HeaderBytes) != TableLayout.HeaderBytes)
            {
                return false;
            }

            int g = segment == BlacklistManifest.Overlay ? 0 : BlacklistManifest.SegmentBits;
            int width = 2 * BlacklistKinds.HalfBits(kind);
            prefixBits[t] = scratch[TableLayout.PrefixBitsAt];
            pageBits[t] = scratch[TableLayout.PageBitsAt];
            subBits[t] = scratch[TableLayout.SubBitsAt];
            reasonBits[t] = scratch[TableLayout.ReasonBitsAt];
            return TableLayout.HasMagic(scratch, 0)
                && scratch[TableLayout.KindAt] == kind
                && scratch[TableLayout.SegmentAt] == segment
                && prefixBits[t] == g
                && LittleEndian.ReadUInt32(scratch, TableLayout.SeedAt) == manifest.Seed
                && pageBits[t] <= 16
                && reasonBits[t] <= 8
                && g + pageBits[t] + subBits[t] <= width;
        }

        private bool ReadDirectory(IStorage storage, int t, int fileLength)
        {
            int p = pageBits[t];
            int crcAt = TableLayout.HeaderBytes + TableLayout.DirectoryBytes(p);
            byte[] directory = new byte[crcAt + TableLayout.CrcBytes];
            if (storage.Read(names[t], 0, directory, 0, directory.Length) != directory.Length
                || Crc32.Compute(directory, 0, crcAt) != LittleEndian.ReadUInt32(directory, crcAt))
            {
                return false;
            }

            int pagesStart = TableLayout.PagesStart(p);
            int previous = pagesStart;
            for (int i = 0; i <= 1 << p; i++)
            {
                int offset = (int)LittleEndian.ReadUInt32(directory, TableLayout.HeaderBytes + 4 * i);
                bool last = i == 1 << p;
                bool valid = i == 0
                    ? offset == pagesStart
                    : offset > previous && offset - previous <= TableLayout.MaxPageBytes && ((offset - previous) & 1) == 0;
                if (!valid || offset - pagesStart > TableLayout.MaxPagesAreaBytes || (last && offset != fileLength))
                {
                    return false;
                }

                halfOffsets[firstOffset[t] + i] = (ushort)((offset - pagesStart) / 2);
                previous = offset;
            }

            return true;
        }
    }
}
