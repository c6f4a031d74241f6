namespace Terminal.Drivers.Mifare
{
    /// <summary>
    /// Named access conditions C1C2C3 (C1 in bit 2) from the MIFARE Classic datasheet. Data
    /// conditions apply to groups 0..2, trailer conditions to group 3.
    /// </summary>
    public static class AccessCondition
    {
        /// <summary>000: everything with key A or B (factory state).</summary>
        public const int DataOpen = 0;

        /// <summary>010: read with A or B, nothing else.</summary>
        public const int DataReadOnly = 2;

        /// <summary>100: read with A or B, write with B.</summary>
        public const int DataWriteWithKeyB = 4;

        /// <summary>110: value block; read, decrement, transfer, restore with A or B; write and increment with B only.</summary>
        public const int ValueRechargeable = 6;

        /// <summary>001: value block; read, decrement, transfer, restore with A or B; never written or incremented.</summary>
        public const int ValueDebitOnly = 1;

        /// <summary>011: read and write with B only.</summary>
        public const int DataKeyBOnly = 3;

        /// <summary>101: read with B only.</summary>
        public const int DataReadWithKeyB = 5;

        /// <summary>111: no access at all.</summary>
        public const int DataLocked = 7;

        /// <summary>001 on a trailer: key A writes keys and access bits; key B is readable, so it cannot authenticate (factory state).</summary>
        public const int TrailerTransport = 1;

        /// <summary>011 on a trailer: key B writes keys and access bits; key A only reads the access bits.</summary>
        public const int TrailerKeyBManaged = 3;

        /// <summary>111 on a trailer: keys and access bits frozen; the access bits stay readable with A or B.</summary>
        public const int TrailerFrozen = 7;
    }
}
