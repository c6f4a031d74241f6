namespace Terminal.Firmware.Blacklist
{
    /// <summary>What a blacklist key identifies; each kind is its own key space and its own tables.</summary>
    public enum BlacklistKind
    {
        /// <summary>Single-size UID (4 bytes, MIFARE Classic and NUIDs).</summary>
        Uid4 = 0,

        /// <summary>Double-size UID (7 bytes, DESFire, Ultralight, Classic EV1 with 7-byte UID).</summary>
        Uid7 = 1,

        /// <summary>Triple-size UID (10 bytes).</summary>
        Uid10 = 2,

        /// <summary>Passenger account id, 8 bytes, as carried by QR tokens.</summary>
        Account = 3,
    }

    /// <summary>Key sizes of the kinds and their file tags.</summary>
    public static class BlacklistKinds
    {
        public const int Count = 4;

        private static readonly int[] KeyByteCounts = { 4, 7, 10, 8 };
        private static readonly string[] Tags = { "u4", "u7", "u10", "acc" };

        public static int KeyBytes(int kind)
        {
            return KeyByteCounts[kind];
        }

        /// <summary>Half of the key width in bits: the mixer works on two halves of this many bits.</summary>
        public static int HalfBits(int kind)
        {
            return KeyByteCounts[kind] * 4;
        }

        public static string Tag(int kind)
        {
            return Tags[kind];
        }

        /// <summary>The card kind for a UID length, or -1 when no ISO 14443 UID has that length.</summary>
        public static int ForUidLength(int length)
        {
            switch (length)
            {
                case 4:
                    return (int)BlacklistKind.Uid4;
                case 7:
                    return (int)BlacklistKind.Uid7;
                case 10:
                    return (int)BlacklistKind.Uid10;
                default:
                    return -1;
            }
        }
    }
}
