using Terminal.Firmware.Crypto;

namespace Terminal.Firmware.Card
{
    /// <summary>
    /// The truncated HMAC-SHA256 that seals a record on the card: over a label, the card's UID and
    /// the record's bytes, under the card's own MAC key. The UID is inside so that a record copied
    /// to another card does not verify there.
    /// </summary>
    public sealed class CardMac
    {
        private readonly IHmacSha256 _hmac;
        private readonly byte[] _mac = new byte[HmacSha256.MacSize];
        private byte[] _message = new byte[2 + CardLayout.MaxUidLength + CardLayout.PurseSize];

        public CardMac()
            : this(new ManagedHmacSha256())
        {
        }

        /// <summary>MACs computed on <paramref name="hmac"/> (the board's native one on the device).</summary>
        public CardMac(IHmacSha256 hmac)
        {
            _hmac = hmac;
        }

        /// <summary>Computes the MAC of <c>record[offset..offset+count)</c> and writes its first <paramref name="macSize"/> bytes right after them.</summary>
        public void Seal(byte label, CardKeys keys, byte[] uid, int uidLength, byte[] record, int offset, int count, int macSize)
        {
            Compute(label, keys, uid, uidLength, record, offset, count);
            System.Array.Copy(_mac, 0, record, offset + count, macSize);
        }

        /// <summary>True when the <paramref name="macSize"/> bytes after the record are its MAC.</summary>
        public bool Verify(byte label, CardKeys keys, byte[] uid, int uidLength, byte[] record, int offset, int count, int macSize)
        {
            Compute(label, keys, uid, uidLength, record, offset, count);
            return ConstantTime.AreEqual(_mac, 0, record, offset + count, macSize);
        }

        private void Compute(byte label, CardKeys keys, byte[] uid, int uidLength, byte[] record, int offset, int count)
        {
            // One message per call, as the native HMAC takes it: label || UID length || UID || record.
            int length = 2 + uidLength + count;
            if (_message.Length < length)
            {
                _message = new byte[length];
            }

            _message[0] = label;
            _message[1] = (byte)uidLength;
            System.Array.Copy(uid, 0, _message, 2, uidLength);
            System.Array.Copy(record, offset, _message, 2 + uidLength, count);
            _hmac.Mac(keys.MacKey, 0, CardKeys.MacKeySize, _message, 0, length, _mac, 0);
        }
    }
}
