namespace Terminal.Drivers.Mfrc522
{
    /// <summary>Reads VersionReg values.</summary>
    public static class Mfrc522Versions
    {
        public static Mfrc522ChipKind Classify(byte version)
        {
            switch (version)
            {
                case 0x90:
                    return Mfrc522ChipKind.NxpV0;
                case 0x91:
                    return Mfrc522ChipKind.NxpV1;
                case 0x92:
                    return Mfrc522ChipKind.NxpV2;
                case 0x88:
                    return Mfrc522ChipKind.FudanFm17522;
                case 0x89:
                case 0xB2:
                    return Mfrc522ChipKind.FudanFm17522Variant;
                case 0x12:
                    return Mfrc522ChipKind.Counterfeit;
                default:
                    return Mfrc522ChipKind.Unknown;
            }
        }
    }
}
