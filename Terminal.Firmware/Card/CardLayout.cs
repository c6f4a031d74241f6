namespace Terminal.Firmware.Card
{
    /// <summary>
    /// Where the fare application lives on a MIFARE Classic card (docs/card-format.md): two
    /// sectors, one purse copy in each, so that rewriting one copy never touches the other.
    /// </summary>
    public static class CardLayout
    {
        public const int BlockSize = 16;

        /// <summary>Sector 1: purse copy A in blocks 4-5, the identity in block 6.</summary>
        public const byte SectorA = 1;

        /// <summary>Sector 2: purse copy B in blocks 8-9.</summary>
        public const byte SectorB = 2;

        /// <summary>First block of each purse copy; a copy is two blocks and a tap rewrites the older copy.</summary>
        public const byte PurseBlockA = 4;

        public const byte PurseBlockB = 8;

        public const int PurseBlocks = 2;

        public const int PurseSize = PurseBlocks * BlockSize;

        public const byte IdentityBlock = 6;

        /// <summary>Sector 2: the last pending load the card took (<see cref="LoadRecordCodec"/>).</summary>
        public const byte LoadBlock = 10;

        /// <summary>2025-01-01T00:00:00Z: times and days on the card count from here.</summary>
        public const long EpochUnixSeconds = 1735689600;

        public const int SecondsPerDay = 86400;

        /// <summary>The largest UID the card format accepts (ISO 14443-3 triple size).</summary>
        public const int MaxUidLength = 10;
    }
}
