namespace Terminal.Firmware.Crypto
{
    /// <summary>
    /// Ed25519 signature verification (RFC 8032 section 5.1.7), cofactorless: accepts exactly when S &lt; L,
    /// A and R are canonical encodings of curve points, and [S]B - [k]A encodes to R, with k = SHA-512(R || A || M) mod L.
    /// Keys of small order are refused when prepared. Each scalar is split in 128-bit halves, x = x0 + 2^128 x1, so
    /// [S]B - [k]A = [S0]B + [S1](2^128 B) + [k0](-A) + [k1](2^128 (-A)): four multiplications sharing one run of
    /// only 128 doublings (Straus), the doublings being most of the cost. Digits are width-w NAF: w = 6 for the fixed
    /// bases (16 multiples each, computed once here), w = 5 for the key's. Everything is allocated in the
    /// constructor; a verification allocates nothing.
    /// </summary>
    public sealed class Ed25519Verifier
    {
        public const int SignatureSize = 64;

        private const int BaseWindow = 6;
        private const int HalfBytes = 16;
        private const int HalfBits = 8 * HalfBytes;

        /// <summary>A half scalar's NAF can carry up to w positions past its top bit.</summary>
        private const int NafLength = HalfBits + 8;

        private static readonly byte[] EncodedBasePoint =
        {
            0x58, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
            0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
        };

        private readonly EdwardsCurve _curve = new EdwardsCurve();
        private readonly Sha512 _sha512 = new Sha512();
        private readonly CachedPoint[] _baseOddMultiples = new CachedPoint[1 << (BaseWindow - 2)];
        private readonly CachedPoint[] _shiftedBaseOddMultiples = new CachedPoint[1 << (BaseWindow - 2)];
        private readonly EdwardsPoint _point = new EdwardsPoint();
        private readonly EdwardsPoint _running = new EdwardsPoint();
        private readonly CompletedPoint _completed = new CompletedPoint();
        private readonly CachedPoint _twice = new CachedPoint();
        private readonly Ed25519PublicKey _oneOffKey = new Ed25519PublicKey();
        private readonly sbyte[] _nafS0 = new sbyte[NafLength];
        private readonly sbyte[] _nafS1 = new sbyte[NafLength];
        private readonly sbyte[] _nafK0 = new sbyte[NafLength];
        private readonly sbyte[] _nafK1 = new sbyte[NafLength];
        private readonly byte[] _hash = new byte[Sha512.HashSize];
        private readonly byte[] _k = new byte[Scalar25519.Size];
        private readonly long[] _reduceWork = new long[Scalar25519.WideSize];
        private readonly byte[] _encoded = new byte[EdwardsCurve.EncodedSize];

        public Ed25519Verifier()
        {
            for (int i = 0; i < _baseOddMultiples.Length; i++)
            {
                _baseOddMultiples[i] = new CachedPoint();
                _shiftedBaseOddMultiples[i] = new CachedPoint();
            }

            _curve.TryDecode(_point, EncodedBasePoint, 0);
            FillOddMultiplesOfBothHalves(_baseOddMultiples, _shiftedBaseOddMultiples, _point);
        }

        /// <summary>Prepares <paramref name="key"/> from 32 bytes; false (key left unprepared) for a non-canonical, off-curve or small-order key.</summary>
        public bool TryPrepare(Ed25519PublicKey key, byte[] source, int offset)
        {
            key.IsPrepared = false;
            if (!_curve.TryDecode(_point, source, offset) || HasSmallOrder(_point))
            {
                return false;
            }

            _curve.Negate(_point, _point);
            FillOddMultiplesOfBothHalves(key.NegatedOddMultiples, key.ShiftedNegatedOddMultiples, _point);
            System.Array.Copy(source, offset, key.Encoded, 0, Ed25519PublicKey.Size);
            key.IsPrepared = true;
            return true;
        }

        /// <summary>Verifies a 64-byte signature R || S of message[offset, offset + count) under a prepared key.</summary>
        public bool Verify(Ed25519PublicKey key, byte[] message, int offset, int count, byte[] signature, int signatureOffset)
        {
            int sOffset = signatureOffset + EdwardsCurve.EncodedSize;
            if (!key.IsPrepared || !Scalar25519.IsCanonical(signature, sOffset))
            {
                return false;
            }

            _sha512.Update(signature, signatureOffset, EdwardsCurve.EncodedSize);
            _sha512.Update(key.Encoded, 0, Ed25519PublicKey.Size);
            _sha512.Update(message, offset, count);
            _sha512.Final(_hash, 0);
            Scalar25519.ReduceWide(_k, 0, _hash, 0, _reduceWork);

            Scalar25519.ComputeNaf(_nafS0, signature, sOffset, HalfBytes, BaseWindow);
            Scalar25519.ComputeNaf(_nafS1, signature, sOffset + HalfBytes, HalfBytes, BaseWindow);
            Scalar25519.ComputeNaf(_nafK0, _k, 0, HalfBytes, Ed25519PublicKey.Window);
            Scalar25519.ComputeNaf(_nafK1, _k, HalfBytes, HalfBytes, Ed25519PublicKey.Window);
            MultiplyBaseAndKey(key);

            _curve.Encode(_encoded, 0, _running);
            for (int i = 0; i < EdwardsCurve.EncodedSize; i++)
            {
                if (_encoded[i] != signature[signatureOffset + i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Verifies under a key given as bytes; prepares it first, so prefer a prepared key for repeated use.</summary>
        public bool Verify(byte[] publicKey, int publicKeyOffset, byte[] message, int offset, int count, byte[] signature, int signatureOffset)
        {
            return TryPrepare(_oneOffKey, publicKey, publicKeyOffset)
                && Verify(_oneOffKey, message, offset, count, signature, signatureOffset);
        }

        /// <summary>_running = [S]B + [k](-A) from the four half-scalar NAFs, high digit first.</summary>
        private void MultiplyBaseAndKey(Ed25519PublicKey key)
        {
            int top = NafLength - 1;
            while (top >= 0 && _nafS0[top] == 0 && _nafS1[top] == 0 && _nafK0[top] == 0 && _nafK1[top] == 0)
            {
                top--;
            }

            _running.SetIdentity();
            for (int i = top; i >= 0; i--)
            {
                _curve.Double(_completed, _running);
                AddDigit(_baseOddMultiples, _nafS0[i]);
                AddDigit(_shiftedBaseOddMultiples, _nafS1[i]);
                AddDigit(key.NegatedOddMultiples, _nafK0[i]);
                AddDigit(key.ShiftedNegatedOddMultiples, _nafK1[i]);
                _curve.ToProjective(_running, _completed);
            }
        }

        /// <summary>Adds digit * P to the completed point, from the table of P's odd multiples.</summary>
        private void AddDigit(CachedPoint[] oddMultiples, int digit)
        {
            if (digit == 0)
            {
                return;
            }

            _curve.ToExtended(_running, _completed);
            if (digit > 0)
            {
                _curve.Add(_completed, _running, oddMultiples[digit >> 1]);
            }
            else
            {
                _curve.Subtract(_completed, _running, oddMultiples[(-digit) >> 1]);
            }
        }

        /// <summary>low[i] = (2i + 1) p and high[i] = (2i + 1) 2^128 p, for an extended p (which ends up as 2^128 p).</summary>
        private void FillOddMultiplesOfBothHalves(CachedPoint[] low, CachedPoint[] high, EdwardsPoint p)
        {
            FillOddMultiples(low, p);
            for (int i = 0; i < HalfBits; i++)
            {
                _curve.Double(_completed, p);
                _curve.ToExtended(p, _completed);
            }

            FillOddMultiples(high, p);
        }

        /// <summary>table[i] = (2i + 1) p, for an extended p.</summary>
        private void FillOddMultiples(CachedPoint[] table, EdwardsPoint p)
        {
            _curve.ToCached(table[0], p);
            _curve.Double(_completed, p);
            _curve.ToExtended(_running, _completed);
            _curve.ToCached(_twice, _running);
            for (int i = 1; i < table.Length; i++)
            {
                _curve.Add(_completed, i == 1 ? p : _running, _twice);
                _curve.ToExtended(_running, _completed);
                _curve.ToCached(table[i], _running);
            }
        }

        /// <summary>True when [8]p is the identity (x = 0 after three doublings; no point has order 16).</summary>
        private bool HasSmallOrder(EdwardsPoint p)
        {
            _curve.Double(_completed, p);
            _curve.ToProjective(_running, _completed);
            _curve.Double(_completed, _running);
            _curve.ToProjective(_running, _completed);
            _curve.Double(_completed, _running);
            _curve.ToProjective(_running, _completed);
            return _curve.IsZero(_running.X);
        }
    }
}
