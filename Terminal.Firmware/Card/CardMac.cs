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
        private readonly HmacSha256 _hmac = new HmacSha256(new byte[CardKeys.MacKeySize], 0, CardKeys.MacKeySize);
        private readonly byte[] _header = new byte[2];
        private readonly byte[] _mac = new byte[HmacSha256.MacSize];

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
            _hmac.SetKey(keys.MacKey, 0, CardKeys.MacKeySize);
            _header[0] = label;
            _header[1] = (byte)uidLength;
            _hmac.Update(_header, 0, 2);
            _hmac.Update(uid, 0, uidLength);
            _hmac.Update(record, offset, count);
            _hmac.Final(_mac, 0);
        }
    }
}
