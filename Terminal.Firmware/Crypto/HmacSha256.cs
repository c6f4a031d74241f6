namespace Terminal.Firmware.Crypto
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104). The key is set once: the hash states after the padded key blocks are kept, so a
    /// short message costs two SHA-256 compressions instead of four, and nothing is allocated.
    /// Compare MACs with <see cref="ConstantTime.AreEqual"/>, never with a loop that stops early.
    /// </summary>
    public sealed class HmacSha256
    {
        public const int MacSize = Sha256.HashSize;

        private const byte InnerPad = 0x36;
        private const byte OuterPad = 0x5C;

        private readonly Sha256 _inner = new Sha256();
        private readonly Sha256 _outer = new Sha256();
        private readonly Sha256 _afterInnerKey = new Sha256();
        private readonly Sha256 _afterOuterKey = new Sha256();
        private readonly byte[] _keyBlock = new byte[Sha256.BlockSize];
        private readonly byte[] _innerHash = new byte[Sha256.HashSize];

        public HmacSha256(byte[] key, int offset, int count)
        {
            SetKey(key, offset, count);
        }

        /// <summary>Sets a new key (a key longer than a block is hashed first, as RFC 2104 says) and starts a new MAC.</summary>
        public void SetKey(byte[] key, int offset, int count)
        {
            System.Array.Clear(_keyBlock, 0, Sha256.BlockSize);
            if (count > Sha256.BlockSize)
            {
                _inner.Reset();
                _inner.Update(key, offset, count);
                _inner.Final(_keyBlock, 0);
            }
            else
            {
                System.Array.Copy(key, offset, _keyBlock, 0, count);
            }

            AbsorbPaddedKey(_afterInnerKey, InnerPad);
            AbsorbPaddedKey(_afterOuterKey, OuterPad);
            System.Array.Clear(_keyBlock, 0, Sha256.BlockSize);
            Reset();
        }

        /// <summary>Starts a new MAC under the current key.</summary>
        public void Reset()
        {
            _inner.CopyFrom(_afterInnerKey);
        }

        public void Update(byte[] data, int offset, int count)
        {
            _inner.Update(data, offset, count);
        }

        /// <summary>Writes the 32-byte MAC at <paramref name="offset"/> and starts a new MAC under the same key.</summary>
        public void Final(byte[] output, int offset)
        {
            _inner.Final(_innerHash, 0);
            _outer.CopyFrom(_afterOuterKey);
            _outer.Update(_innerHash, 0, Sha256.HashSize);
            _outer.Final(output, offset);
            Reset();
        }

        /// <summary>Hashes the key block XOR <paramref name="pad"/> into a fresh state; the key block is restored after.</summary>
        private void AbsorbPaddedKey(Sha256 state, byte pad)
        {
            for (int i = 0; i < Sha256.BlockSize; i++)
            {
                _keyBlock[i] ^= pad;
            }

            state.Reset();
            state.Update(_keyBlock, 0, Sha256.BlockSize);
            for (int i = 0; i < Sha256.BlockSize; i++)
            {
                _keyBlock[i] ^= pad;
            }
        }
    }
}
