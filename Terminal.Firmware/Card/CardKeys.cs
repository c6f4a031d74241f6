namespace Terminal.Firmware.Card
{
    /// <summary>The keys of one card, derived from its UID; filled again at every tap, never allocated anew.</summary>
    public sealed class CardKeys
    {
        public const int SectorKeySize = 6;

        public const int MacKeySize = 32;

        /// <summary>Key A of the fare sector: reads both purses and the identity, writes the purses and the identity.</summary>
        public readonly byte[] KeyA = new byte[SectorKeySize];

        /// <summary>The card's MAC key for purse and identity records.</summary>
        public readonly byte[] MacKey = new byte[MacKeySize];
    }
}
