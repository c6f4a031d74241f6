namespace Terminal.Firmware.Blacklist
{
    /// <summary>
    /// Splits a mixed value m = high·2^h + low (2h bits) into a prefix of its top t bits, which the table
    /// layout encodes by position (segment, page, sub-bucket), and the remaining 2h − t bits, stored as two
    /// fields: A, what is left of the high half, and B, what is left of the low half. Join is the exact inverse.
    /// </summary>
    internal static class MixedSplit
    {
        public static ulong Prefix(ulong high, ulong low, int half, int prefixBits)
        {
            if (prefixBits <= half)
            {
                return high >> (half - prefixBits);
            }

            return (high << (prefixBits - half)) | (low >> (2 * half - prefixBits));
        }

        public static int WidthA(int half, int prefixBits)
        {
            return prefixBits <= half ? half - prefixBits : 0;
        }

        public static int WidthB(int half, int prefixBits)
        {
            return prefixBits <= half ? half : 2 * half - prefixBits;
        }

        public static ulong RestA(ulong high, int half, int prefixBits)
        {
            return prefixBits <= half ? high & BitPacking.Mask(half - prefixBits) : 0;
        }

        public static ulong RestB(ulong low, int half, int prefixBits)
        {
            return prefixBits <= half ? low : low & BitPacking.Mask(2 * half - prefixBits);
        }

        public static ulong JoinHigh(ulong prefix, ulong restA, int half, int prefixBits)
        {
            if (prefixBits <= half)
            {
                return (prefix << (half - prefixBits)) | restA;
            }

            return prefix >> (prefixBits - half);
        }

        public static ulong JoinLow(ulong prefix, ulong restB, int half, int prefixBits)
        {
            if (prefixBits <= half)
            {
                return restB;
            }

            return ((prefix & BitPacking.Mask(prefixBits - half)) << (2 * half - prefixBits)) | restB;
        }
    }
}
