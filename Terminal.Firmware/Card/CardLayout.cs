namespace Terminal.Firmware.Card
{
    /// <summary>
    /// Where the fare application lives on a MIFARE Classic card (docs/card-format.md): one
    /// sector, so that a tap needs a single authentication.
    /// </summary>
    public static class CardLayout
    {
        public const int BlockSize = 16;

        public const byte Sector = 1;

        /// <summary>The two purse copies; a tap rewrites the older one.</summary>
        public const byte PurseBlockA = 4;

        public const byte PurseBlockB = 5;

        public const byte IdentityBlock = 6;

        public const byte TrailerBlock = 7;

        /// <summary>2025-01-01T00:00:00Z: times and days on the card count from here.</summary>
        public const long EpochUnixSeconds = 1735689600;

        public const int SecondsPerDay = 86400;

        /// <summary>The largest UID the card format accepts (ISO 14443-3 triple size).</summary>
        public const int MaxUidLength = 10;
    }
}
