namespace Terminal.Firmware.Crypto
{
    /// <summary>
    /// <see cref="IHmacSha256"/> in managed code. It keeps the keyed states of the four keys it used last, matched by
    /// content (a card's MAC key changes in the same array), so that a short message under a recent key costs two
    /// SHA-256 compressions instead of four: the tap derives under two masters and MACs under the card's key.
    /// </summary>
    public sealed class ManagedHmacSha256 : IHmacSha256
    {
        private const int KeptKeys = 4;
        private const int MaxKeptKeyLength = Sha256.BlockSize;

        private readonly HmacSha256[] _keyed = new HmacSha256[KeptKeys];
        private readonly byte[][] _keys = new byte[KeptKeys][];
        private readonly int[] _keyLengths = new int[KeptKeys];
        private readonly long[] _lastUse = new long[KeptKeys];
        private int _kept;
        private long _uses;

        /// <summary>Every slot is allocated here, so that no tap allocates (a new card's key only re-keys a slot).</summary>
        public ManagedHmacSha256()
        {
            var none = new byte[0];
            for (int slot = 0; slot < KeptKeys; slot++)
            {
                _keyed[slot] = new HmacSha256(none, 0, 0);
                _keys[slot] = new byte[MaxKeptKeyLength];
            }
        }

        public void Mac(byte[] key, int keyOffset, int keyCount, byte[] message, int messageOffset, int messageCount, byte[] mac, int macOffset)
        {
            HmacSha256 hmac = Keyed(key, keyOffset, keyCount);
            hmac.Update(message, messageOffset, messageCount);
            hmac.Final(mac, macOffset);
        }

        private HmacSha256 Keyed(byte[] key, int offset, int count)
        {
            for (int slot = 0; slot < _kept; slot++)
            {
                if (_keyLengths[slot] == count && ConstantTime.AreEqual(_keys[slot], 0, key, offset, count))
                {
                    _lastUse[slot] = ++_uses;
                    _keyed[slot].Reset();
                    return _keyed[slot];
                }
            }

            if (count > MaxKeptKeyLength)
            {
                return new HmacSha256(key, offset, count);
            }

            // The least recently used key goes: a tap's two masters stay while each card's key takes the last slot.
            int next = 0;
            if (_kept < KeptKeys)
            {
                next = _kept++;
            }
            else
            {
                for (int slot = 1; slot < KeptKeys; slot++)
                {
                    if (_lastUse[slot] < _lastUse[next])
                    {
                        next = slot;
                    }
                }
            }

            _lastUse[next] = ++_uses;
            _keyed[next].SetKey(key, offset, count);
            System.Array.Copy(key, offset, _keys[next], 0, count);
            _keyLengths[next] = count;
            return _keyed[next];
        }
    }
}
