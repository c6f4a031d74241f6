namespace Terminal.Firmware.Crypto
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104). The key is set once; each MAC then allocates nothing.
    /// Compare MACs with <see cref="ConstantTime.AreEqual"/>, never with a loop that stops early.
    /// </summary>
    public sealed class HmacSha256
    {
        public const int MacSize = Sha256.HashSize;

        private const byte InnerPad = 0x36;
        private const byte OuterPad = 0x5C;

        private readonly Sha256 _inner = new Sha256();
        private readonly Sha256 _outer = new Sha256();
        private readonly byte[] _innerKeyBlock = new byte[Sha256.BlockSize];
        private readonly byte[] _outerKeyBlock = new byte[Sha256.BlockSize];
        private readonly byte[] _innerHash = new byte[Sha256.HashSize];

        public HmacSha256(byte[] key, int offset, int count)
        {
            SetKey(key, offset, count);
        }

        /// <summary>Sets a new key (a key longer than a block is hashed first, as RFC 2104 says) and starts a new MAC.</summary>
        public void SetKey(byte[] key, int offset, int count)
        {
            System.Array.Clear(_innerKeyBlock, 0, Sha256.BlockSize);
            if (count > Sha256.BlockSize)
            {
                _inner.Reset();
                _inner.Update(key, offset, count);
                _inner.Final(_innerKeyBlock, 0);
            }
            else
            {
                System.Array.Copy(key, offset, _innerKeyBlock, 0, count);
            }

            for (int i = 0; i < Sha256.BlockSize; i++)
            {
                byte k = _innerKeyBlock[i];
                _innerKeyBlock[i] = (byte)(k ^ InnerPad);
                _outerKeyBlock[i] = (byte)(k ^ OuterPad);
            }

            Reset();
        }

        /// <summary>Starts a new MAC under the current key.</summary>
        public void Reset()
        {
            _inner.Reset();
            _inner.Update(_innerKeyBlock, 0, Sha256.BlockSize);
        }

        public void Update(byte[] data, int offset, int count)
        {
            _inner.Update(data, offset, count);
        }

        /// <summary>Writes the 32-byte MAC at <paramref name="offset"/> and starts a new MAC under the same key.</summary>
        public void Final(byte[] output, int offset)
        {
            _inner.Final(_innerHash, 0);
            _outer.Reset();
            _outer.Update(_outerKeyBlock, 0, Sha256.BlockSize);
            _outer.Update(_innerHash, 0, Sha256.HashSize);
            _outer.Final(output, offset);
            Reset();
        }
    }
}
