namespace Terminal.Drivers.Mfrc522
{
    /// <summary>What VersionReg says the reader chip is.</summary>
    public enum Mfrc522ChipKind
    {
        /// <summary>No MFRC522 answered: 0x00 or 0xFF (a dead bus), or a value no known chip reports.</summary>
        Unknown = 0,

        /// <summary>0x90: Philips v0.0, preliminary silicon.</summary>
        NxpV0,

        /// <summary>0x91: NXP MFRC522 v1.0.</summary>
        NxpV1,

        /// <summary>0x92: NXP MFRC522 v2.0.</summary>
        NxpV2,

        /// <summary>0x88: Fudan FM17522 clone.</summary>
        FudanFm17522,

        /// <summary>0x89 or 0xB2: FM17522 variants (drivers disagree which one is the FM17522E).</summary>
        FudanFm17522Variant,

        /// <summary>0x12: a chip sold as MFRC522 that the Arduino library calls counterfeit; it works.</summary>
        Counterfeit,
    }

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
