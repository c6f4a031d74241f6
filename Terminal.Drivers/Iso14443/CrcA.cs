namespace Terminal.Drivers.Iso14443
{
    /// <summary>
    /// CRC_A of ISO/IEC 14443-3 Annex B: preset 0x6363, polynomial x^16 + x^12 + x^5 + 1
    /// processed least significant bit first (reflected 0x8408), no final XOR, sent low byte first.
    /// The reader chip computes it in hardware; this copy serves the models and the checks that
    /// do not go through the chip.
    /// </summary>
    public static class CrcA
    {
        public const int Preset = 0x6363;

        public static int Compute(byte[] data, int offset, int count)
        {
            int crc = Preset;
            for (int i = offset; i < offset + count; i++)
            {
                int b = (data[i] ^ crc) & 0xFF;
                b = (b ^ (b << 4)) & 0xFF;
                crc = ((crc >> 8) ^ (b << 8) ^ (b << 3) ^ (b >> 4)) & 0xFFFF;
            }

            return crc;
        }

        /// <summary>Writes the CRC of <c>data[offset..offset+count)</c> into the two bytes that follow, low byte first.</summary>
        public static void Append(byte[] data, int offset, int count)
        {
            int crc = Compute(data, offset, count);
            data[offset + count] = (byte)crc;
            data[offset + count + 1] = (byte)(crc >> 8);
        }

        /// <summary>True when the last two of <paramref name="count"/> bytes are the CRC_A of the ones before.</summary>
        public static bool Check(byte[] data, int offset, int count)
        {
            if (count < 2)
            {
                return false;
            }

            int crc = Compute(data, offset, count - 2);
            return data[offset + count - 2] == (byte)crc && data[offset + count - 1] == (byte)(crc >> 8);
        }
    }
}
