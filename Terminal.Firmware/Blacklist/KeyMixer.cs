namespace Terminal.Firmware.Blacklist
{
    /// <summary>
    /// A keyed permutation of a kind's key space: a four-round Feistel network on the key's two halves.
    /// Every Feistel network is invertible whatever its round function, so two different keys always mix to
    /// two different values; the mix only has to spread keys evenly over buckets, never to avoid collisions.
    /// The mixed value m (2h bits) is returned as its high and low halves of h bits each.
    /// </summary>
    public static class KeyMixer
    {
        public const int Rounds = 4;

        public static void Mix(byte[] key, int offset, int kind, uint seed, out ulong high, out ulong low)
        {
            int half = BlacklistKinds.HalfBits(kind);
            ulong mask = BitPacking.Mask(half);
            ulong left;
            ulong right;
            if (half * 2 <= 64)
            {
                ulong whole = BigEndian(key, offset, half / 4);
                left = whole >> half;
                right = whole & mask;
            }
            else
            {
                left = BigEndian(key, offset, half / 8);
                right = BigEndian(key, offset + half / 8, half / 8);
            }

            for (int round = 0; round < Rounds; round++)
            {
                ulong next = left ^ (RoundFunction(right, RoundKey(seed, kind, round)) & mask);
                left = right;
                right = next;
            }

            high = left;
            low = right;
        }

        /// <summary>The round key; exposed so that a check can run the network backwards.</summary>
        public static ulong RoundKey(uint seed, int kind, int round)
        {
            return (((ulong)seed << 32) | (uint)(kind * Rounds + round + 1)) * 0x9E3779B97F4A7C15UL;
        }

        /// <summary>The SplitMix64 finaliser: any function would keep the network invertible; this one spreads well.</summary>
        public static ulong RoundFunction(ulong value, ulong roundKey)
        {
            ulong z = value ^ roundKey;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        private static ulong BigEndian(byte[] key, int offset, int count)
        {
            ulong value = 0;
            for (int i = 0; i < count; i++)
            {
                value = (value << 8) | key[offset + i];
            }

            return value;
        }
    }
}
