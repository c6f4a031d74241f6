using System;

namespace Terminal.Drivers.Mifare
{
    /// <summary>
    /// The three access bytes of a sector trailer (bytes 6..8). Each of the four groups (data
    /// groups 0..2, trailer 3) has a condition C1C2C3, held here as an int 0..7 with C1 in bit 2.
    /// Every bit is stored twice, once inverted: byte 6 = ~C2 | ~C1, byte 7 = C1 | ~C3,
    /// byte 8 = C3 | C2 (high nibble | low nibble, bit n of a nibble = group n).
    /// </summary>
    public static class AccessBits
    {
        public const int Length = 3;
        public const int Groups = 4;
        public const int TrailerGroup = 3;

        /// <summary>Writes the access bytes of four conditions (0..7, trailer last).</summary>
        public static void Encode(int[] conditions, byte[] destination, int offset)
        {
            int c1 = 0;
            int c2 = 0;
            int c3 = 0;
            for (int group = 0; group < Groups; group++)
            {
                int condition = conditions[group];
                if (condition < 0 || condition > 7)
                {
                    throw new ArgumentOutOfRangeException("conditions", "an access condition is three bits, 0..7");
                }

                c1 |= ((condition >> 2) & 1) << group;
                c2 |= ((condition >> 1) & 1) << group;
                c3 |= (condition & 1) << group;
            }

            destination[offset] = (byte)((Invert(c2) << 4) | Invert(c1));
            destination[offset + 1] = (byte)((c1 << 4) | Invert(c3));
            destination[offset + 2] = (byte)((c3 << 4) | c2);
        }

        /// <summary>
        /// Reads the four conditions. False when the inverted copies disagree: such bytes on a card
        /// mean a blocked sector, and written to a card they block it for ever.
        /// </summary>
        public static bool TryDecode(byte[] source, int offset, int[] conditions)
        {
            int c1 = source[offset + 1] >> 4;
            int c2 = source[offset + 2] & 0x0F;
            int c3 = source[offset + 2] >> 4;
            bool consistent = (source[offset] & 0x0F) == Invert(c1)
                && source[offset] >> 4 == Invert(c2)
                && (source[offset + 1] & 0x0F) == Invert(c3);
            for (int group = 0; group < Groups; group++)
            {
                conditions[group] = consistent
                    ? (((c1 >> group) & 1) << 2) | (((c2 >> group) & 1) << 1) | ((c3 >> group) & 1)
                    : 0;
            }

            return consistent;
        }

        private static int Invert(int nibble)
        {
            return ~nibble & 0x0F;
        }
    }
}
