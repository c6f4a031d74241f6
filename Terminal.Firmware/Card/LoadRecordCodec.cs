namespace Terminal.Firmware.Card
{
    /// <summary>
    /// Block 10 (sector 2): the number of the last pending load the card took, in full (docs/card-format.md):
    /// format version u8 (1) | last load number u16 | 7 zero bytes | MAC 6 bytes (label 'L'). All zero is blank:
    /// a card that never took a load. The purse's load tag holds the number's low byte, written with the value.
    /// </summary>
    public sealed class LoadRecordCodec
    {
        public const byte MacLabel = (byte)'L';
        public const int FormatVersion = 1;
        public const int PayloadSize = 10;
        public const int MacSize = 6;

        private readonly CardMac _mac;

        public LoadRecordCodec(CardMac mac)
        {
            _mac = mac;
        }

        /// <summary>Seals <paramref name="loadNumber"/> (0..65535) into the 16 bytes at <paramref name="offset"/>.</summary>
        public CardRecordStatus Encode(int loadNumber, CardKeys keys, byte[] uid, int uidLength, byte[] block, int offset)
        {
            if (loadNumber < 0 || loadNumber > 0xFFFF)
            {
                return CardRecordStatus.OutOfRange;
            }

            System.Array.Clear(block, offset, CardLayout.BlockSize);
            block[offset] = FormatVersion;
            block[offset + 1] = (byte)loadNumber;
            block[offset + 2] = (byte)(loadNumber >> 8);
            _mac.Seal(MacLabel, keys, uid, uidLength, block, offset, PayloadSize, MacSize);
            return CardRecordStatus.Ok;
        }

        /// <summary>Ok with the number, Blank (number 0), or BadMac/UnknownVersion for a torn or forged block.</summary>
        public CardRecordStatus Decode(byte[] block, int offset, CardKeys keys, byte[] uid, int uidLength, out int loadNumber)
        {
            loadNumber = 0;
            bool blank = true;
            for (int i = 0; i < CardLayout.BlockSize; i++)
            {
                blank &= block[offset + i] == 0;
            }

            if (blank)
            {
                return CardRecordStatus.Blank;
            }

            if (!_mac.Verify(MacLabel, keys, uid, uidLength, block, offset, PayloadSize, MacSize))
            {
                return CardRecordStatus.BadMac;
            }

            if (block[offset] != FormatVersion)
            {
                return CardRecordStatus.UnknownVersion;
            }

            // Version 1 leaves the payload after the number zero; a block that uses it is of a format this reader
            // does not know, and accepting it would let the next write silently drop those bytes.
            for (int i = 3; i < PayloadSize; i++)
            {
                if (block[offset + i] != 0)
                {
                    return CardRecordStatus.UnknownVersion;
                }
            }

            loadNumber = block[offset + 1] | (block[offset + 2] << 8);
            return CardRecordStatus.Ok;
        }
    }
}
