namespace Terminal.Firmware.Crypto
{
    /// <summary>
    /// Scalars modulo the group order L = 2^252 + delta (delta = 27742317777372353535851937790883648493),
    /// as 32 little-endian bytes.
    /// </summary>
    public static class Scalar25519
    {
        public const int Size = 32;
        public const int WideSize = 64;

        /// <summary>L, little-endian.</summary>
        private static readonly byte[] Order =
        {
            0xED, 0xD3, 0xF5, 0x5C, 0x1A, 0x63, 0x12, 0x58, 0xD6, 0x9C, 0xF7, 0xA2, 0xDE, 0xF9, 0xDE, 0x14,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
        };

        private const int DeltaSize = 16;

        /// <summary>True when s &lt; L: RFC 8032 requires rejecting any other S so signatures are not malleable.</summary>
        public static bool IsCanonical(byte[] s, int offset)
        {
            for (int i = Size - 1; i >= 0; i--)
            {
                int a = s[offset + i];
                int b = Order[i];
                if (a != b)
                {
                    return a < b;
                }
            }

            return false;
        }

        /// <summary>
        /// Reduces the 64-byte little-endian number at <paramref name="offset"/> modulo L into 32 bytes at
        /// <paramref name="destination"/>. <paramref name="work"/> holds 64 longs of scratch.
        /// </summary>
        public static void ReduceWide(byte[] destination, int destinationOffset, byte[] wide, int offset, long[] work)
        {
            for (int i = 0; i < WideSize; i++)
            {
                work[i] = wide[offset + i];
            }

            // 2^256 = 16 L - 16 delta, so a byte t at position i >= 32 is worth -16 t delta at position i - 32.
            // Folding from the top keeps every limb within a few bits of a byte.
            for (int i = WideSize - 1; i >= Size; i--)
            {
                long top = work[i];
                work[i] = 0;
                int low = i - Size;
                for (int j = 0; j < DeltaSize; j++)
                {
                    work[low + j] -= 16 * top * Order[j];
                }

                CarryBytes(work, low, i - 1);
            }

            // Now value = work[0..31] with work[31] unbounded above 4 bits: fold the part above 2^252 (= -delta).
            long high = work[Size - 1] >> 4;
            work[Size - 1] -= high << 4;
            for (int j = 0; j < DeltaSize; j++)
            {
                work[j] -= high * Order[j];
            }

            CarryBytes(work, 0, Size - 1);

            // The value lies in (-L, 2L): one correction either way lands it in [0, L).
            if (work[Size - 1] < 0)
            {
                AddOrder(work, 1);
            }
            else if (!IsBelowOrder(work))
            {
                AddOrder(work, -1);
            }

            for (int i = 0; i < Size; i++)
            {
                destination[destinationOffset + i] = (byte)work[i];
            }
        }

        /// <summary>
        /// Width-w non-adjacent form of the <paramref name="byteCount"/>-byte little-endian number at
        /// <paramref name="offset"/>: naf[i] is 0 or an odd digit in (-2^(w-1), 2^(w-1)), nonzero digits at least
        /// w positions apart, and sum naf[i] 2^i equals the number. naf needs 8 * byteCount + w entries, because the
        /// last carry can land up to w positions above the top bit.
        /// </summary>
        public static void ComputeNaf(sbyte[] naf, byte[] s, int offset, int byteCount, int width)
        {
            int bits = 8 * byteCount;
            int length = bits + width;
            System.Array.Clear(naf, 0, length);
            int full = 1 << width;
            int half = full >> 1;
            int carry = 0;
            int position = 0;
            while (position < length)
            {
                if (Bit(s, offset, byteCount, position) == carry)
                {
                    // bit + carry is even: digit 0 here, and the carry moves on unchanged.
                    position++;
                    continue;
                }

                int window = Window(s, offset, byteCount, position, width) + carry;
                if (window < half)
                {
                    naf[position] = (sbyte)window;
                    carry = 0;
                }
                else
                {
                    naf[position] = (sbyte)(window - full);
                    carry = 1;
                }

                position += width;
            }
        }

        private static int Bit(byte[] s, int offset, int byteCount, int position)
        {
            int index = position >> 3;
            return index < byteCount ? (s[offset + index] >> (position & 7)) & 1 : 0;
        }

        private static int Window(byte[] s, int offset, int byteCount, int position, int width)
        {
            int index = position >> 3;
            int bits = index < byteCount ? s[offset + index] : 0;
            if (index + 1 < byteCount)
            {
                bits |= s[offset + index + 1] << 8;
            }

            return (bits >> (position & 7)) & ((1 << width) - 1);
        }

        /// <summary>Signed byte limbs from..to become bytes in [0, 256); the last limb keeps the rest, sign included.</summary>
        private static void CarryBytes(long[] work, int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                long carry = work[i] >> 8;
                work[i] -= carry << 8;
                work[i + 1] += carry;
            }
        }

        private static void AddOrder(long[] work, int sign)
        {
            for (int i = 0; i < Size; i++)
            {
                work[i] += sign * Order[i];
            }

            CarryBytes(work, 0, Size - 1);
        }

        private static bool IsBelowOrder(long[] work)
        {
            for (int i = Size - 1; i >= 0; i--)
            {
                if (work[i] != Order[i])
                {
                    return work[i] < Order[i];
                }
            }

            return false;
        }
    }
}
