using Terminal.Firmware.Crypto;

namespace Terminal.Firmware.Card
{
    /// <summary>The terminal's provisioned master secrets, turned into one card's keys at each tap.</summary>
    public sealed class CardKeyring
    {
        private readonly CardKeyDeriver _sectorKeys;
        private readonly CardKeyDeriver _macKeys;

        public CardKeyring(byte[] sectorKeyMaster, byte[] macMaster)
            : this(sectorKeyMaster, macMaster, new ManagedHmacSha256())
        {
        }

        /// <summary>A keyring whose derivations, and the card MACs of the sessions using it, run on <paramref name="hashing"/>.</summary>
        public CardKeyring(byte[] sectorKeyMaster, byte[] macMaster, IHmacSha256 hashing)
        {
            Hashing = hashing;
            _sectorKeys = new CardKeyDeriver(sectorKeyMaster, 0, sectorKeyMaster.Length, hashing);
            _macKeys = new CardKeyDeriver(macMaster, 0, macMaster.Length, hashing);
        }

        /// <summary>The board's HMAC-SHA256, which a card session also computes its record MACs on.</summary>
        public IHmacSha256 Hashing { get; }

        public void Derive(byte[] uid, int uidLength, CardKeys keys)
        {
            _sectorKeys.Derive(CardKeyDeriver.SectorKeyALabel, uid, uidLength, keys.KeyA, CardKeys.SectorKeySize);
            _macKeys.Derive(CardKeyDeriver.MacKeyLabel, uid, uidLength, keys.MacKey, CardKeys.MacKeySize);
        }
    }
}
