namespace Terminal.Drivers.Iso14443
{
    /// <summary>The SELECT ACKNOWLEDGE byte of ISO/IEC 14443-3.</summary>
    public static class Sak
    {
        /// <summary>Set while the UID is not complete: select the next cascade level.</summary>
        public const int UidIncompleteBit = 0x04;

        /// <summary>Infineon cards set bit 8; NXP AN10833 ignores it when identifying the type.</summary>
        private const int IgnoredBit = 0x80;

        public static bool UidIncomplete(int sak)
        {
            return (sak & UidIncompleteBit) != 0;
        }

        public static CardType Decode(int sak)
        {
            switch (sak & ~IgnoredBit & 0xFF)
            {
                case 0x09:
                    return CardType.MifareMini;
                case 0x08:
                    return CardType.MifareClassic1K;
                case 0x18:
                    return CardType.MifareClassic4K;
                case 0x00:
                    return CardType.UltralightOrNtag;
                case 0x10:
                    return CardType.MifarePlus2K;
                case 0x11:
                    return CardType.MifarePlus4K;
                case 0x20:
                    return CardType.Iso14443Part4;
                case 0x40:
                    return CardType.NfcDep;
                default:
                    return CardType.Unknown;
            }
        }
    }
}
