namespace Terminal.Firmware.Crypto
{
    /// <summary>
    /// Point arithmetic on edwards25519 (-x^2 + y^2 = 1 + d x^2 y^2 over GF(2^255 - 19)) with the
    /// extended-coordinate formulas of Hisil, Wong, Carter and Dawson (2008) for a = -1, plus point
    /// encoding and decoding as RFC 8032 section 5.1.2/5.1.3 define them. All scratch is allocated here, once.
    /// </summary>
    public sealed class EdwardsCurve
    {
        public const int EncodedSize = 32;

        private static readonly byte[] EncodedD =
        {
            0xA3, 0x78, 0x59, 0x13, 0xCA, 0x4D, 0xEB, 0x75, 0xAB, 0xD8, 0x41, 0x41, 0x4D, 0x0A, 0x70, 0x00,
            0x98, 0xE8, 0x79, 0x77, 0x79, 0x40, 0xC7, 0x8C, 0x73, 0xFE, 0x6F, 0x2B, 0xEE, 0x6C, 0x03, 0x52,
        };

        private static readonly byte[] EncodedSqrtMinusOne =
        {
            0xB0, 0xA0, 0x0E, 0x4A, 0x27, 0x1B, 0xEE, 0xC4, 0x78, 0xE4, 0x2F, 0xAD, 0x06, 0x18, 0x43, 0x2F,
            0xA7, 0xD7, 0xFB, 0x3D, 0x99, 0x00, 0x4D, 0x2B, 0x0B, 0xDF, 0xC1, 0x4F, 0x80, 0x24, 0x83, 0x2B,
        };

        private readonly int[] _d = new int[Field25519.Limbs];
        private readonly int[] _d2 = new int[Field25519.Limbs];
        private readonly int[] _sqrtMinusOne = new int[Field25519.Limbs];

        private readonly int[] _a = new int[Field25519.Limbs];
        private readonly int[] _b = new int[Field25519.Limbs];
        private readonly int[] _c = new int[Field25519.Limbs];
        private readonly int[] _e = new int[Field25519.Limbs];
        private readonly int[] _t0 = new int[Field25519.Limbs];
        private readonly int[] _t1 = new int[Field25519.Limbs];
        private readonly int[] _t2 = new int[Field25519.Limbs];
        private readonly int[] _t3 = new int[Field25519.Limbs];
        private readonly int[] _u = new int[Field25519.Limbs];
        private readonly int[] _v = new int[Field25519.Limbs];
        private readonly byte[] _bytes = new byte[EncodedSize];

        public EdwardsCurve()
        {
            Field25519.FromBytes(_d, EncodedD, 0);
            Field25519.Add(_d2, _d, _d);
            Field25519.Carry(_d2);
            Field25519.FromBytes(_sqrtMinusOne, EncodedSqrtMinusOne, 0);
        }

        /// <summary>r = 2p, from p's X, Y, Z (T not read).</summary>
        public void Double(CompletedPoint r, EdwardsPoint p)
        {
            Field25519.Square(_a, p.X);
            Field25519.Square(_b, p.Y);
            Field25519.Square(_c, p.Z);
            Field25519.Add(_c, _c, _c);
            Field25519.Add(_e, p.X, p.Y);
            Field25519.Square(_e, _e);

            // H = -A - B, G = B - A, E = (X + Y)^2 - A - B, F = G - 2Z^2.
            Field25519.Add(r.H, _a, _b);
            Field25519.Sub(r.E, _e, r.H);
            Field25519.Negate(r.H, r.H);
            Field25519.Sub(r.G, _b, _a);
            Field25519.Sub(r.F, r.G, _c);
        }

        /// <summary>r = p + q; p must carry a valid T.</summary>
        public void Add(CompletedPoint r, EdwardsPoint p, CachedPoint q)
        {
            Field25519.Sub(_t0, p.Y, p.X);
            Field25519.Mul(_a, _t0, q.YMinusX);
            Field25519.Add(_t0, p.Y, p.X);
            Field25519.Mul(_b, _t0, q.YPlusX);
            Field25519.Mul(_c, p.T, q.T2d);
            Field25519.Mul(_t1, p.Z, q.Z2);
            Field25519.Sub(r.E, _b, _a);
            Field25519.Sub(r.F, _t1, _c);
            Field25519.Add(r.G, _t1, _c);
            Field25519.Add(r.H, _b, _a);
        }

        /// <summary>r = p - q: the same as adding -q = (Y-X, Y+X, 2Z, -2dT).</summary>
        public void Subtract(CompletedPoint r, EdwardsPoint p, CachedPoint q)
        {
            Field25519.Sub(_t0, p.Y, p.X);
            Field25519.Mul(_a, _t0, q.YPlusX);
            Field25519.Add(_t0, p.Y, p.X);
            Field25519.Mul(_b, _t0, q.YMinusX);
            Field25519.Mul(_c, p.T, q.T2d);
            Field25519.Mul(_t1, p.Z, q.Z2);
            Field25519.Sub(r.E, _b, _a);
            Field25519.Add(r.F, _t1, _c);
            Field25519.Sub(r.G, _t1, _c);
            Field25519.Add(r.H, _b, _a);
        }

        public void ToExtended(EdwardsPoint r, CompletedPoint c)
        {
            Field25519.Mul(r.X, c.E, c.F);
            Field25519.Mul(r.Y, c.G, c.H);
            Field25519.Mul(r.Z, c.F, c.G);
            Field25519.Mul(r.T, c.E, c.H);
        }

        /// <summary>Like <see cref="ToExtended"/> without T: enough when the next step is a doubling or an encoding.</summary>
        public void ToProjective(EdwardsPoint r, CompletedPoint c)
        {
            Field25519.Mul(r.X, c.E, c.F);
            Field25519.Mul(r.Y, c.G, c.H);
            Field25519.Mul(r.Z, c.F, c.G);
        }

        public void ToCached(CachedPoint r, EdwardsPoint p)
        {
            Field25519.Add(r.YPlusX, p.Y, p.X);
            Field25519.Sub(r.YMinusX, p.Y, p.X);
            Field25519.Add(r.Z2, p.Z, p.Z);
            Field25519.Mul(r.T2d, p.T, _d2);
        }

        public void Negate(EdwardsPoint r, EdwardsPoint p)
        {
            Field25519.Negate(r.X, p.X);
            Field25519.Copy(r.Y, p.Y);
            Field25519.Copy(r.Z, p.Z);
            Field25519.Negate(r.T, p.T);
        }

        /// <summary>Writes y with the parity of x in the top bit (RFC 8032 5.1.2); T is not read.</summary>
        public void Encode(byte[] destination, int offset, EdwardsPoint p)
        {
            Invert(_t2, p.Z);
            Field25519.Mul(_t0, p.X, _t2);
            Field25519.Mul(_t1, p.Y, _t2);
            Field25519.ToBytes(_bytes, 0, _t0, _t3);
            int xIsOdd = _bytes[0] & 1;
            Field25519.ToBytes(destination, offset, _t1, _t3);
            destination[offset + EncodedSize - 1] |= (byte)(xIsOdd << 7);
        }

        /// <summary>
        /// Decodes RFC 8032 5.1.3 style; false for a y that is not below p, a y with no x on the curve,
        /// or x = 0 with the sign bit set. r gets Z = 1 and a valid T.
        /// </summary>
        public bool TryDecode(EdwardsPoint r, byte[] source, int offset)
        {
            if (!IsCanonicalFieldEncoding(source, offset))
            {
                return false;
            }

            int sign = source[offset + EncodedSize - 1] >> 7;
            Field25519.FromBytes(r.Y, source, offset);
            Field25519.One(r.Z);

            // u = y^2 - 1, v = d y^2 + 1, candidate x = u v^3 (u v^7)^((p-5)/8).
            int[] u = _u;
            int[] v = _v;
            Field25519.Square(u, r.Y);
            Field25519.Mul(v, u, _d);
            Field25519.Sub(u, u, r.Z);
            Field25519.Carry(u);
            Field25519.Add(v, v, r.Z);
            Field25519.Carry(v);
            Field25519.Square(_t0, v);
            Field25519.Mul(_t0, _t0, v);
            Field25519.Mul(r.X, _t0, u);
            Field25519.Square(_t0, _t0);
            Field25519.Mul(_t0, _t0, v);
            Field25519.Mul(_t0, _t0, u);
            PowPMinus5Over8(_t1, _t0);
            Field25519.Mul(r.X, r.X, _t1);

            // v x^2 is u (x is a root), -u (x times sqrt(-1) is), or neither (no point).
            Field25519.Square(_c, r.X);
            Field25519.Mul(_c, _c, v);
            if (!AreEqual(_c, u))
            {
                Field25519.Negate(_t0, u);
                if (!AreEqual(_c, _t0))
                {
                    return false;
                }

                Field25519.Mul(r.X, r.X, _sqrtMinusOne);
            }

            Field25519.ToBytes(_bytes, 0, r.X, _t3);
            if (sign == 1 && IsAllZero(_bytes))
            {
                return false;
            }

            if ((_bytes[0] & 1) != sign)
            {
                Field25519.Negate(r.X, r.X);
            }

            Field25519.Mul(r.T, r.X, r.Y);
            return true;
        }

        /// <summary>True when two reduced field elements are equal mod p.</summary>
        public bool AreEqual(int[] f, int[] g)
        {
            Field25519.Sub(_t2, f, g);
            Field25519.Carry(_t2);
            return IsZero(_t2);
        }

        /// <summary>True when a reduced field element is 0 mod p.</summary>
        public bool IsZero(int[] f)
        {
            Field25519.ToBytes(_bytes, 0, f, _t3);
            return IsAllZero(_bytes);
        }

        /// <summary>r = z^(p-2) = 1/z (0 for z = 0), by the usual chain of 254 squarings and 11 multiplications.</summary>
        public void Invert(int[] r, int[] z)
        {
            int[] z11 = _t3;
            RaiseTo2To250Minus1(_t1, z11, z);
            Field25519.SquareTimes(_t1, _t1, 5);
            Field25519.Mul(r, _t1, z11);
        }

        /// <summary>r = z^((p-5)/8) = z^(2^252 - 3), the exponent of the square root in point decoding.</summary>
        public void PowPMinus5Over8(int[] r, int[] z)
        {
            RaiseTo2To250Minus1(_t1, _t3, z);
            Field25519.SquareTimes(_t1, _t1, 2);
            Field25519.Mul(r, _t1, z);
        }

        /// <summary>r = z^(2^250 - 1) and z11 = z^11, sharing the work both exponents start with.</summary>
        private void RaiseTo2To250Minus1(int[] r, int[] z11, int[] z)
        {
            int[] run = _c;
            int[] wide = _e;
            Field25519.Square(_a, z);
            Field25519.SquareTimes(_b, _a, 2);
            Field25519.Mul(_b, _b, z);
            Field25519.Mul(z11, _a, _b);
            Field25519.Square(_a, z11);
            Field25519.Mul(run, _b, _a);
            Field25519.SquareTimes(_a, run, 5);
            Field25519.Mul(run, _a, run);
            Field25519.SquareTimes(_a, run, 10);
            Field25519.Mul(_b, _a, run);
            Field25519.SquareTimes(_a, _b, 20);
            Field25519.Mul(_a, _a, _b);
            Field25519.SquareTimes(_a, _a, 10);
            Field25519.Mul(run, _a, run);
            Field25519.SquareTimes(_a, run, 50);
            Field25519.Mul(wide, _a, run);
            Field25519.SquareTimes(_a, wide, 100);
            Field25519.Mul(_a, _a, wide);
            Field25519.SquareTimes(_a, _a, 50);
            Field25519.Mul(r, _a, run);
        }

        private static bool IsAllZero(byte[] bytes)
        {
            int any = 0;
            for (int i = 0; i < bytes.Length; i++)
            {
                any |= bytes[i];
            }

            return any == 0;
        }

        /// <summary>False when the 255-bit y is p or more (only 2^255 - 19 .. 2^255 - 1 are).</summary>
        private static bool IsCanonicalFieldEncoding(byte[] source, int offset)
        {
            if ((source[offset + EncodedSize - 1] & 0x7F) != 0x7F)
            {
                return true;
            }

            for (int i = EncodedSize - 2; i >= 1; i--)
            {
                if (source[offset + i] != 0xFF)
                {
                    return true;
                }
            }

            return source[offset] < 0xED;
        }
    }
}
