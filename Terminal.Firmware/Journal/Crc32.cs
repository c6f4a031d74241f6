namespace Terminal.Firmware.Journal
{
    /// <summary>
    /// CRC-32/ISO-HDLC (the zip and Ethernet CRC): reflected polynomial 0xEDB88320, initial value and final
    /// XOR 0xFFFFFFFF. Check value over ASCII "123456789": 0xCBF43926. It guards an uplink batch, which is
    /// long enough (up to 16 KiB) for a 16-bit CRC to be too weak.
    /// </summary>
    public static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        public static uint Compute(byte[] data, int offset, int count)
        {
            return Finish(Update(Start(), data, offset, count));
        }

        public static uint Start()
        {
            return 0xFFFFFFFF;
        }

        /// <summary>Adds bytes to a running CRC started with <see cref="Start"/>, so that discontiguous parts can be covered.</summary>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                crc = (crc >> 8) ^ Table[(crc ^ data[i]) & 0xFF];
            }

            return crc;
        }

        public static uint Finish(uint crc)
        {
            return crc ^ 0xFFFFFFFF;
        }

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint value = n;
                for (int bit = 0; bit < 8; bit++)
                {
                    value = (value & 1) != 0 ? (value >> 1) ^ 0xEDB88320 : value >> 1;
                }

                table[n] = value;
            }

            return table;
        }
    }
}
