namespace Terminal.Firmware.Blacklist
{
    /// <summary>
    /// Byte layout of a table file (one segment of one kind, or one kind's overlay); docs/blacklist.md has the
    /// full picture. All integers little-endian.
    /// <code>
    /// header   0 "BLT1" | 4 kind | 5 prefixBits g | 6 segment | 7 pageBits p | 8 subBits s | 9 reasonBits r
    ///          10 0,0 | 12 entries u32 | 16 seed u32 | 20 0 u32
    /// 24       page offsets: 2^p + 1 times u32 (from file start; the last is the file length)
    /// then     CRC-32 of everything before it
    /// page     count u16 | sub-bucket bitmap (count + 2^s bits) | count packed entries | 0 or 1 pad byte | CRC-32
    /// </code>
    /// Pages have even lengths, so the loaded directory stores offsets halved in 16 bits.
    /// </summary>
    internal static class TableLayout
    {
        public const int HeaderBytes = 24;
        public const int CrcBytes = 4;
        public const int PageCountBytes = 2;

        /// <summary>Largest page a lookup reads; sized so the lookup buffer and the loaded directory fit in 8 KB.</summary>
        public const int MaxPageBytes = 2048;

        /// <summary>Average page the builder aims at: big enough for few pages, small enough for the tail to fit.</summary>
        public const int TargetPageBytes = 1536;

        /// <summary>Half-offsets are 16 bits, so a table's pages span at most this many bytes.</summary>
        public const int MaxPagesAreaBytes = 2 * 65535;

        public static readonly byte[] Magic = { 0x42, 0x4C, 0x54, 0x31 };

        public const int KindAt = 4;
        public const int PrefixBitsAt = 5;
        public const int SegmentAt = 6;
        public const int PageBitsAt = 7;
        public const int SubBitsAt = 8;
        public const int ReasonBitsAt = 9;
        public const int EntriesAt = 12;
        public const int SeedAt = 16;

        public static int DirectoryBytes(int pageBits)
        {
            return ((1 << pageBits) + 1) * 4;
        }

        public static int PagesStart(int pageBits)
        {
            return HeaderBytes + DirectoryBytes(pageBits) + CrcBytes;
        }

        public static int BitmapBytes(int count, int subBits)
        {
            return (count + (1 << subBits) + 7) >> 3;
        }

        public static int PageBytes(int count, int subBits, int entryBits)
        {
            int body = PageCountBytes + BitmapBytes(count, subBits) + (int)(((long)count * entryBits + 7) >> 3);
            return body + (body & 1) + CrcBytes;
        }

        public static bool HasMagic(byte[] data, int offset)
        {
            for (int i = 0; i < Magic.Length; i++)
            {
                if (data[offset + i] != Magic[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
