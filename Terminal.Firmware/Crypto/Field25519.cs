namespace Terminal.Firmware.Crypto
{
    /// <summary>
    /// Arithmetic modulo p = 2^255 - 19 on ten signed limbs of 26 and 25 bits (limb i weighs 2^ceil(25.5 i)).
    /// Products are summed in 64-bit longs and carried back to "reduced" limbs: |even| &lt;= 2^25, |odd| &lt;= 2^24
    /// (a hair more in limbs 0 and 1). Add and Sub do not carry. Call a factor built from m reduced elements by
    /// additions and subtractions "of magnitude m": Mul and Square stay exact while the two magnitudes multiply to
    /// less than 65 (the largest sum, limb 0's, is about 124.5 * 2^50 * m1 * m2 &lt; 2^63); the Edwards formulas
    /// reach 3 * 4 = 12. Straight-line code throughout: the interpreter charges for every loop step.
    /// </summary>
    public static class Field25519
    {
        public const int Limbs = 10;

        public static void Zero(int[] h)
        {
            System.Array.Clear(h, 0, Limbs);
        }

        public static void One(int[] h)
        {
            System.Array.Clear(h, 0, Limbs);
            h[0] = 1;
        }

        public static void Copy(int[] h, int[] f)
        {
            System.Array.Copy(f, h, Limbs);
        }

        public static void Add(int[] h, int[] f, int[] g)
        {
#if CRYPTO_OP_COUNT
            CryptoOpCounter.FieldAdditions++;
#endif
            h[0] = f[0] + g[0];
            h[1] = f[1] + g[1];
            h[2] = f[2] + g[2];
            h[3] = f[3] + g[3];
            h[4] = f[4] + g[4];
            h[5] = f[5] + g[5];
            h[6] = f[6] + g[6];
            h[7] = f[7] + g[7];
            h[8] = f[8] + g[8];
            h[9] = f[9] + g[9];
        }

        public static void Sub(int[] h, int[] f, int[] g)
        {
#if CRYPTO_OP_COUNT
            CryptoOpCounter.FieldAdditions++;
#endif
            h[0] = f[0] - g[0];
            h[1] = f[1] - g[1];
            h[2] = f[2] - g[2];
            h[3] = f[3] - g[3];
            h[4] = f[4] - g[4];
            h[5] = f[5] - g[5];
            h[6] = f[6] - g[6];
            h[7] = f[7] - g[7];
            h[8] = f[8] - g[8];
            h[9] = f[9] - g[9];
        }

        public static void Negate(int[] h, int[] f)
        {
#if CRYPTO_OP_COUNT
            CryptoOpCounter.FieldAdditions++;
#endif
            h[0] = -f[0];
            h[1] = -f[1];
            h[2] = -f[2];
            h[3] = -f[3];
            h[4] = -f[4];
            h[5] = -f[5];
            h[6] = -f[6];
            h[7] = -f[7];
            h[8] = -f[8];
            h[9] = -f[9];
        }

        /// <summary>h = f * g; h may be f or g.</summary>
        public static void Mul(int[] h, int[] f, int[] g)
        {
#if CRYPTO_OP_COUNT
            CryptoOpCounter.FieldMultiplications++;
#endif
            long f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4], f5 = f[5], f6 = f[6], f7 = f[7], f8 = f[8], f9 = f[9];
            long g0 = g[0], g1 = g[1], g2 = g[2], g3 = g[3], g4 = g[4], g5 = g[5], g6 = g[6], g7 = g[7], g8 = g[8], g9 = g[9];
            long g1x19 = 19 * g1, g2x19 = 19 * g2, g3x19 = 19 * g3, g4x19 = 19 * g4, g5x19 = 19 * g5, g6x19 = 19 * g6, g7x19 = 19 * g7, g8x19 = 19 * g8, g9x19 = 19 * g9;
            long f1x2 = 2 * f1, f3x2 = 2 * f3, f5x2 = 2 * f5, f7x2 = 2 * f7, f9x2 = 2 * f9;
            long h0 = f0 * g0 + f1x2 * g9x19 + f2 * g8x19 + f3x2 * g7x19 + f4 * g6x19
                + f5x2 * g5x19 + f6 * g4x19 + f7x2 * g3x19 + f8 * g2x19 + f9x2 * g1x19;
            long h1 = f0 * g1 + f1 * g0 + f2 * g9x19 + f3 * g8x19 + f4 * g7x19
                + f5 * g6x19 + f6 * g5x19 + f7 * g4x19 + f8 * g3x19 + f9 * g2x19;
            long h2 = f0 * g2 + f1x2 * g1 + f2 * g0 + f3x2 * g9x19 + f4 * g8x19
                + f5x2 * g7x19 + f6 * g6x19 + f7x2 * g5x19 + f8 * g4x19 + f9x2 * g3x19;
            long h3 = f0 * g3 + f1 * g2 + f2 * g1 + f3 * g0 + f4 * g9x19
                + f5 * g8x19 + f6 * g7x19 + f7 * g6x19 + f8 * g5x19 + f9 * g4x19;
            long h4 = f0 * g4 + f1x2 * g3 + f2 * g2 + f3x2 * g1 + f4 * g0
                + f5x2 * g9x19 + f6 * g8x19 + f7x2 * g7x19 + f8 * g6x19 + f9x2 * g5x19;
            long h5 = f0 * g5 + f1 * g4 + f2 * g3 + f3 * g2 + f4 * g1
                + f5 * g0 + f6 * g9x19 + f7 * g8x19 + f8 * g7x19 + f9 * g6x19;
            long h6 = f0 * g6 + f1x2 * g5 + f2 * g4 + f3x2 * g3 + f4 * g2
                + f5x2 * g1 + f6 * g0 + f7x2 * g9x19 + f8 * g8x19 + f9x2 * g7x19;
            long h7 = f0 * g7 + f1 * g6 + f2 * g5 + f3 * g4 + f4 * g3
                + f5 * g2 + f6 * g1 + f7 * g0 + f8 * g9x19 + f9 * g8x19;
            long h8 = f0 * g8 + f1x2 * g7 + f2 * g6 + f3x2 * g5 + f4 * g4
                + f5x2 * g3 + f6 * g2 + f7x2 * g1 + f8 * g0 + f9x2 * g9x19;
            long h9 = f0 * g9 + f1 * g8 + f2 * g7 + f3 * g6 + f4 * g5
                + f5 * g4 + f6 * g3 + f7 * g2 + f8 * g1 + f9 * g0;
            Reduce(h, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
        }

        /// <summary>h = f^2 with 55 products instead of 100; h may be f.</summary>
        public static void Square(int[] h, int[] f)
        {
#if CRYPTO_OP_COUNT
            CryptoOpCounter.FieldSquarings++;
#endif
            long f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4], f5 = f[5], f6 = f[6], f7 = f[7], f8 = f[8], f9 = f[9];
            long f0x2 = 2 * f0, f1x2 = 2 * f1, f2x2 = 2 * f2, f3x2 = 2 * f3, f4x2 = 2 * f4, f5x2 = 2 * f5, f6x2 = 2 * f6, f7x2 = 2 * f7, f8x2 = 2 * f8, f9x2 = 2 * f9;
            long f5x19 = 19 * f5, f6x19 = 19 * f6, f7x19 = 19 * f7, f8x19 = 19 * f8, f9x19 = 19 * f9;
            long f7x38 = 38 * f7, f9x38 = 38 * f9;
            long h0 = f0 * f0 + f1x2 * f9x38 + f2x2 * f8x19 + f3x2 * f7x38 + f4x2 * f6x19
                + f5x2 * f5x19;
            long h1 = f0x2 * f1 + f2x2 * f9x19 + f3x2 * f8x19 + f4x2 * f7x19 + f5x2 * f6x19;
            long h2 = f0x2 * f2 + f1x2 * f1 + f3x2 * f9x38 + f4x2 * f8x19 + f5x2 * f7x38
                + f6 * f6x19;
            long h3 = f0x2 * f3 + f1x2 * f2 + f4x2 * f9x19 + f5x2 * f8x19 + f6x2 * f7x19;
            long h4 = f0x2 * f4 + f1x2 * f3x2 + f2 * f2 + f5x2 * f9x38 + f6x2 * f8x19
                + f7x2 * f7x19;
            long h5 = f0x2 * f5 + f1x2 * f4 + f2x2 * f3 + f6x2 * f9x19 + f7x2 * f8x19;
            long h6 = f0x2 * f6 + f1x2 * f5x2 + f2x2 * f4 + f3x2 * f3 + f7x2 * f9x38
                + f8 * f8x19;
            long h7 = f0x2 * f7 + f1x2 * f6 + f2x2 * f5 + f3x2 * f4 + f8x2 * f9x19;
            long h8 = f0x2 * f8 + f1x2 * f7x2 + f2x2 * f6 + f3x2 * f5x2 + f4 * f4
                + f9x2 * f9x19;
            long h9 = f0x2 * f9 + f1x2 * f8 + f2x2 * f7 + f3x2 * f6 + f4x2 * f5;
            Reduce(h, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
        }

        /// <summary>h = f^(2^count), count &gt;= 1.</summary>
        public static void SquareTimes(int[] h, int[] f, int count)
        {
            Square(h, f);
            for (int i = 1; i < count; i++)
            {
                Square(h, h);
            }
        }

        /// <summary>Carries h back to reduced limbs, e.g. after a chain of Add and Sub.</summary>
        public static void Carry(int[] h)
        {
            Reduce(h, h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9]);
        }

        /// <summary>Reads 32 little-endian bytes; the top bit (the sign of x in a point encoding) is ignored.</summary>
        public static void FromBytes(int[] h, byte[] source, int offset)
        {
            long pending = 0;
            int pendingBits = 0;
            int next = offset;
            for (int i = 0; i < Limbs; i++)
            {
                int width = LimbWidth(i);
                while (pendingBits < width)
                {
                    pending |= (long)source[next++] << pendingBits;
                    pendingBits += 8;
                }

                h[i] = (int)(pending & ((1L << width) - 1));
                pending >>= width;
                pendingBits -= width;
            }

            Carry(h);
        }

        /// <summary>
        /// Writes the canonical 32-byte encoding (value in [0, p), top bit clear) of a reduced f, using
        /// <paramref name="work"/> (ten limbs) as scratch.
        /// </summary>
        public static void ToBytes(byte[] destination, int offset, int[] f, int[] work)
        {
            // Adding 2p makes every limb positive, so floor carries below never borrow.
            work[0] = f[0] + ((1 << 27) - 38);
            for (int i = 1; i < Limbs; i++)
            {
                work[i] = f[i] + (LimbWidth(i) == 26 ? (1 << 27) - 2 : (1 << 26) - 2);
            }

            // Two passes bring the value below 2^255: the second wraps only when all upper limbs became zero,
            // so the 19 it adds to limb 0 cannot overflow it.
            CarryFloor(work);
            CarryFloor(work);

            // Subtract p once if value >= p, i.e. if value + 19 reaches 2^255.
            int carry = 19;
            for (int i = 0; i < Limbs; i++)
            {
                carry = (work[i] + carry) >> LimbWidth(i);
            }

            work[0] += 19 * carry;
            for (int i = 0; i < Limbs - 1; i++)
            {
                int width = LimbWidth(i);
                work[i + 1] += work[i] >> width;
                work[i] &= (1 << width) - 1;
            }

            work[Limbs - 1] &= (1 << 25) - 1;

            long pending = 0;
            int pendingBits = 0;
            int next = offset;
            for (int i = 0; i < Limbs; i++)
            {
                pending |= (long)work[i] << pendingBits;
                pendingBits += LimbWidth(i);
                while (pendingBits >= 8)
                {
                    destination[next++] = (byte)pending;
                    pending >>= 8;
                    pendingBits -= 8;
                }
            }

            destination[next] = (byte)pending;
        }

        private static int LimbWidth(int i)
        {
            return (i & 1) == 0 ? 26 : 25;
        }

        /// <summary>Floor carries through all limbs; the carry out of the top limb re-enters limb 0 times 19 (2^255 = 19 mod p).</summary>
        private static void CarryFloor(int[] h)
        {
            for (int i = 0; i < Limbs - 1; i++)
            {
                int width = LimbWidth(i);
                h[i + 1] += h[i] >> width;
                h[i] &= (1 << width) - 1;
            }

            int top = h[Limbs - 1] >> 25;
            h[Limbs - 1] &= (1 << 25) - 1;
            h[0] += 19 * top;
        }

        /// <summary>Rounding carries, so limbs end centred on zero; the carry out of limb 9 re-enters limb 0 times 19.</summary>
        private static void Reduce(int[] h, long h0, long h1, long h2, long h3, long h4, long h5, long h6, long h7, long h8, long h9)
        {
            long c;
            c = (h0 + (1L << 25)) >> 26;
            h1 += c;
            h0 -= c << 26;
            c = (h1 + (1L << 24)) >> 25;
            h2 += c;
            h1 -= c << 25;
            c = (h2 + (1L << 25)) >> 26;
            h3 += c;
            h2 -= c << 26;
            c = (h3 + (1L << 24)) >> 25;
            h4 += c;
            h3 -= c << 25;
            c = (h4 + (1L << 25)) >> 26;
            h5 += c;
            h4 -= c << 26;
            c = (h5 + (1L << 24)) >> 25;
            h6 += c;
            h5 -= c << 25;
            c = (h6 + (1L << 25)) >> 26;
            h7 += c;
            h6 -= c << 26;
            c = (h7 + (1L << 24)) >> 25;
            h8 += c;
            h7 -= c << 25;
            c = (h8 + (1L << 25)) >> 26;
            h9 += c;
            h8 -= c << 26;
            c = (h9 + (1L << 24)) >> 25;
            h0 += 19 * c;
            h9 -= c << 25;
            c = (h0 + (1L << 25)) >> 26;
            h1 += c;
            h0 -= c << 26;
            h[0] = (int)h0;
            h[1] = (int)h1;
            h[2] = (int)h2;
            h[3] = (int)h3;
            h[4] = (int)h4;
            h[5] = (int)h5;
            h[6] = (int)h6;
            h[7] = (int)h7;
            h[8] = (int)h8;
            h[9] = (int)h9;
        }
    }
}
