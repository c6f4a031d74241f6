namespace Terminal.Drivers.Mifare
{
    /// <summary>
    /// What a data block's access condition allows each key (MIFARE Classic datasheet, access
    /// conditions for data blocks). It does not know the trailer: when the trailer leaves key B
    /// readable, key B cannot be used at all.
    /// </summary>
    public static class DataBlockAccess
    {
        public const int Read = 1;
        public const int Write = 2;
        public const int Increment = 4;

        /// <summary>Decrement, and also TRANSFER and RESTORE, which the card grants alike.</summary>
        public const int Decrement = 8;

        private const int All = Read | Write | Increment | Decrement;

        // Indexed by condition C1C2C3.
        private static readonly int[] KeyA = new int[]
        {
            All, Read | Decrement, Read, 0, Read, 0, Read | Decrement, 0,
        };

        private static readonly int[] KeyB = new int[]
        {
            All, Read | Decrement, Read, Read | Write, Read | Write, Read, All, 0,
        };

        /// <summary>True when every operation in <paramref name="operations"/> (flags above) is allowed with that key.</summary>
        public static bool Allows(int condition, MifareKeyType key, int operations)
        {
            int granted = key == MifareKeyType.A ? KeyA[condition & 7] : KeyB[condition & 7];
            return (granted & operations) == operations;
        }
    }
}
