namespace Terminal.Firmware.Card
{
    /// <summary>
    /// The identity block (docs/card-format.md): version u8 | card type u8 | flags u8 (bit 0 blocked,
    /// bits 1..7 reason) | expiry day u16 | issue day u16 | operator u8 | key version u8 | MAC 7 bytes.
    /// </summary>
    public sealed class IdentityCodec
    {
        public const byte MacLabel = (byte)'I';
        public const byte FormatVersion = 1;
        public const int PayloadSize = 9;
        public const int MacSize = 7;

        private readonly CardMac _mac;

        public IdentityCodec(CardMac mac)
        {
            _mac = mac;
        }

        public CardRecordStatus Encode(CardIdentity identity, CardKeys keys, byte[] uid, int uidLength, byte[] block, int offset)
        {
            if (identity.CardType < 0 || identity.CardType > 0xFF
                || identity.BlockReason < 0 || identity.BlockReason > 0x7F
                || identity.ExpiryDay < 0 || identity.ExpiryDay > 0xFFFF
                || identity.IssueDay < 0 || identity.IssueDay > 0xFFFF
                || identity.OperatorId < 0 || identity.OperatorId > 0xFF
                || identity.KeyVersion < 0 || identity.KeyVersion > 0xFF)
            {
                return CardRecordStatus.OutOfRange;
            }

            block[offset] = FormatVersion;
            block[offset + 1] = (byte)identity.CardType;
            block[offset + 2] = (byte)((identity.BlockReason << 1) | (identity.Blocked ? 1 : 0));
            block[offset + 3] = (byte)identity.ExpiryDay;
            block[offset + 4] = (byte)(identity.ExpiryDay >> 8);
            block[offset + 5] = (byte)identity.IssueDay;
            block[offset + 6] = (byte)(identity.IssueDay >> 8);
            block[offset + 7] = (byte)identity.OperatorId;
            block[offset + 8] = (byte)identity.KeyVersion;
            _mac.Seal(MacLabel, keys, uid, uidLength, block, offset, PayloadSize, MacSize);
            return CardRecordStatus.Ok;
        }

        public CardRecordStatus Decode(byte[] block, int offset, CardKeys keys, byte[] uid, int uidLength, CardIdentity identity)
        {
            if (block[offset] == 0)
            {
                return CardRecordStatus.Blank;
            }

            if (block[offset] != FormatVersion)
            {
                return CardRecordStatus.UnknownVersion;
            }

            if (!_mac.Verify(MacLabel, keys, uid, uidLength, block, offset, PayloadSize, MacSize))
            {
                return CardRecordStatus.BadMac;
            }

            identity.CardType = block[offset + 1];
            identity.Blocked = (block[offset + 2] & 1) != 0;
            identity.BlockReason = block[offset + 2] >> 1;
            identity.ExpiryDay = block[offset + 3] | (block[offset + 4] << 8);
            identity.IssueDay = block[offset + 5] | (block[offset + 6] << 8);
            identity.OperatorId = block[offset + 7];
            identity.KeyVersion = block[offset + 8];
            return CardRecordStatus.Ok;
        }
    }
}
