namespace Terminal.Drivers.Iso14443
{
    /// <summary>What a completely selected card says it is, from its SAK.</summary>
    public enum CardType
    {
        Unknown = 0,
        MifareMini,
        MifareClassic1K,
        MifareClassic4K,

        /// <summary>MIFARE Ultralight (C, EV1) or NTAG21x: the SAK does not tell them apart.</summary>
        UltralightOrNtag,

        /// <summary>MIFARE Plus 2K in security level 2.</summary>
        MifarePlus2K,

        /// <summary>MIFARE Plus 4K in security level 2.</summary>
        MifarePlus4K,

        /// <summary>ISO/IEC 14443-4 compliant: DESFire, Plus SL3, bank cards.</summary>
        Iso14443Part4,

        /// <summary>NFC-DEP (peer-to-peer), e.g. a phone.</summary>
        NfcDep,
    }
}
