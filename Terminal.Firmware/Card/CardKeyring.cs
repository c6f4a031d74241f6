namespace Terminal.Firmware.Card
{
    /// <summary>The terminal's provisioned master secrets, turned into one card's keys at each tap.</summary>
    public sealed class CardKeyring
    {
        private readonly CardKeyDeriver _sectorKeys;
        private readonly CardKeyDeriver _macKeys;

        public CardKeyring(byte[] sectorKeyMaster, byte[] macMaster)
        {
            _sectorKeys = new CardKeyDeriver(sectorKeyMaster, 0, sectorKeyMaster.Length);
            _macKeys = new CardKeyDeriver(macMaster, 0, macMaster.Length);
        }

        public void Derive(byte[] uid, int uidLength, CardKeys keys)
        {
            _sectorKeys.Derive(CardKeyDeriver.SectorKeyALabel, uid, uidLength, keys.KeyA, CardKeys.SectorKeySize);
            _macKeys.Derive(CardKeyDeriver.MacKeyLabel, uid, uidLength, keys.MacKey, CardKeys.MacKeySize);
        }
    }
}
