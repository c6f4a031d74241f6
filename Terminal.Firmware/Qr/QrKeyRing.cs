using Terminal.Firmware.Crypto;

namespace Terminal.Firmware.Qr
{
    /// <summary>
    /// The token-signing public keys this terminal accepts, by key id. Keys arrive with provisioning or the key
    /// downlink, never from source code; during a rotation the old and the new key are both held until the
    /// old key's last tokens have expired, then the old one is removed.
    /// </summary>
    public sealed class QrKeyRing
    {
        private readonly Ed25519Verifier _verifier;
        private readonly int[] _keyIds;
        private readonly Ed25519PublicKey[] _keys;

        public QrKeyRing(Ed25519Verifier verifier, int capacity)
        {
            _verifier = verifier;
            _keyIds = new int[capacity];
            _keys = new Ed25519PublicKey[capacity];
            for (int i = 0; i < capacity; i++)
            {
                _keys[i] = new Ed25519PublicKey();
            }
        }

        public int Count
        {
            get
            {
                int count = 0;
                for (int i = 0; i < _keys.Length; i++)
                {
                    if (_keys[i].IsPrepared)
                    {
                        count++;
                    }
                }

                return count;
            }
        }

        /// <summary>
        /// Adds or replaces the key for <paramref name="keyId"/> (0..65535) from its 32-byte encoding. False, and the
        /// ring unchanged, for an invalid key, a key id out of range, or a full ring.
        /// </summary>
        public bool TryAdd(int keyId, byte[] publicKey, int offset)
        {
            if (keyId < 0 || keyId > 0xFFFF)
            {
                return false;
            }

            int slot = SlotOf(keyId);
            if (slot < 0)
            {
                slot = FreeSlot();
                if (slot < 0)
                {
                    return false;
                }
            }

            // Prepare into a slot nobody reads until it is complete; a failed replacement keeps the old key.
            if (!_keys[slot].IsPrepared)
            {
                if (!_verifier.TryPrepare(_keys[slot], publicKey, offset))
                {
                    return false;
                }

                _keyIds[slot] = keyId;
                return true;
            }

            Ed25519PublicKey replacement = new Ed25519PublicKey();
            if (!_verifier.TryPrepare(replacement, publicKey, offset))
            {
                return false;
            }

            _keys[slot] = replacement;
            return true;
        }

        public bool Remove(int keyId)
        {
            int slot = SlotOf(keyId);
            if (slot < 0)
            {
                return false;
            }

            _keys[slot].IsPrepared = false;
            return true;
        }

        /// <summary>The prepared key for <paramref name="keyId"/>, or null when the ring does not hold it.</summary>
        public Ed25519PublicKey? Find(int keyId)
        {
            int slot = SlotOf(keyId);
            return slot < 0 ? null : _keys[slot];
        }

        private int SlotOf(int keyId)
        {
            for (int i = 0; i < _keys.Length; i++)
            {
                if (_keys[i].IsPrepared && _keyIds[i] == keyId)
                {
                    return i;
                }
            }

            return -1;
        }

        private int FreeSlot()
        {
            for (int i = 0; i < _keys.Length; i++)
            {
                if (!_keys[i].IsPrepared)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
