namespace Terminal.Firmware.Binary
{
    /// <summary>
    /// CRC-32/ISO-HDLC (IEEE 802.3, zip: reflected polynomial 0xEDB88320, preset and final XOR 0xFFFFFFFF; check
    /// value over "123456789" 0xCBF43926), computed a nibble at a time so its table costs 64 bytes of RAM
    /// instead of 1 KB. Guards blacklist files, uplink batches and provisioning.
    /// </summary>
    public static class Crc32
    {
        private static readonly uint[] NibbleTable =
        {
            0x00000000, 0x1DB71064, 0x3B6E20C8, 0x26D930AC, 0x76DC4190, 0x6B6B51F4, 0x4DB26158, 0x5005713C,
            0xEDB88320, 0xF00F9344, 0xD6D6A3E8, 0xCB61B38C, 0x9B64C2B0, 0x86D3D2D4, 0xA00AE278, 0xBDBDF21C,
        };

        public const int TableBytes = 16 * 4;

        public static uint Compute(byte[] data, int offset, int count)
        {
            return Finish(Update(Start, data, offset, count));
        }

        public const uint Start = 0xFFFFFFFF;

        /// <summary>Continues a running CRC so that a file can be checked in chunks.</summary>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc ^= data[i];
                crc = (crc >> 4) ^ NibbleTable[crc & 0x0F];
                crc = (crc >> 4) ^ NibbleTable[crc & 0x0F];
            }

            return crc;
        }

        public static uint Finish(uint crc)
        {
            return crc ^ 0xFFFFFFFF;
        }
    }
}
