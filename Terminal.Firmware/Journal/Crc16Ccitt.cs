namespace Terminal.Firmware.Journal
{
    /// <summary>
    /// CRC-16/IBM-3740 (also called CRC-16/CCITT-FALSE): polynomial 0x1021 processed most significant bit
    /// first, initial value 0xFFFF, no reflection, no final XOR. Check value over ASCII "123456789": 0x29B1.
    /// It detects every single-bit error and every burst up to 16 bits in a 32-byte record. Table driven
    /// because the interpreter on the device pays for every loop iteration.
    /// </summary>
    public static class Crc16Ccitt
    {
        public const int Initial = 0xFFFF;

        private static readonly ushort[] Table = BuildTable();

        public static int Compute(byte[] data, int offset, int count)
        {
            int crc = Initial;
            for (int i = offset; i < offset + count; i++)
            {
                crc = ((crc << 8) ^ Table[((crc >> 8) ^ data[i]) & 0xFF]) & 0xFFFF;
            }

            return crc;
        }

        private static ushort[] BuildTable()
        {
            var table = new ushort[256];
            for (int n = 0; n < 256; n++)
            {
                int value = n << 8;
                for (int bit = 0; bit < 8; bit++)
                {
                    value = (value & 0x8000) != 0 ? (value << 1) ^ 0x1021 : value << 1;
                }

                table[n] = (ushort)(value & 0xFFFF);
            }

            return table;
        }
    }
}
