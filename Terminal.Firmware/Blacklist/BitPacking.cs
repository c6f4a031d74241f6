namespace Terminal.Firmware.Blacklist
{
    /// <summary>
    /// Bit fields packed least significant bit first: bit i of a field area is bit (i mod 8) of byte i / 8.
    /// Fields are at most 56 bits wide so that one field plus its offset inside a byte fits a ulong.
    /// </summary>
    internal static class BitPacking
    {
        public static ulong Mask(int bits)
        {
            return bits >= 64 ? ulong.MaxValue : (1UL << bits) - 1;
        }

        /// <summary>Reads a field; bytes past <paramref name="limit"/> count as zero.</summary>
        public static ulong Read(byte[] data, int limit, int bitOffset, int count)
        {
            if (count == 0)
            {
                return 0;
            }

            int first = bitOffset >> 3;
            int shift = bitOffset & 7;
            int bytes = (shift + count + 7) >> 3;
            ulong value = 0;
            for (int i = 0; i < bytes && first + i < limit; i++)
            {
                value |= (ulong)data[first + i] << (8 * i);
            }

            return (value >> shift) & Mask(count);
        }

        /// <summary>ORs a field into zeroed space.</summary>
        public static void Write(byte[] data, int bitOffset, int count, ulong value)
        {
            if (count == 0)
            {
                return;
            }

            value = (value & Mask(count)) << (bitOffset & 7);
            int first = bitOffset >> 3;
            int bytes = ((bitOffset & 7) + count + 7) >> 3;
            for (int i = 0; i < bytes; i++)
            {
                data[first + i] |= (byte)(value >> (8 * i));
            }
        }

        public static bool IsSet(byte[] data, int bitOffset)
        {
            return (data[bitOffset >> 3] & (1 << (bitOffset & 7))) != 0;
        }

        public static int CountOnes(int value)
        {
            value = value - ((value >> 1) & 0x55);
            value = (value & 0x33) + ((value >> 2) & 0x33);
            return (value + (value >> 4)) & 0x0F;
        }
    }
}
