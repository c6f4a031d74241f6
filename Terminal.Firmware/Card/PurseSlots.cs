namespace Terminal.Firmware.Card
{
    /// <summary>
    /// Chooses between the two purse copies. The valid copy with the newer counter (16-bit serial
    /// arithmetic: the copies differ by one step) is the card's state; the other slot is where the
    /// next state is written, so a write torn at any byte leaves the current copy intact.
    /// </summary>
    public static class PurseSlots
    {
        public const int None = -1;

        /// <summary>Returns 0 (copy A), 1 (copy B) or <see cref="None"/> when neither copy is valid.</summary>
        public static int Active(CardRecordStatus statusA, PurseState a, CardRecordStatus statusB, PurseState b)
        {
            bool validA = statusA == CardRecordStatus.Ok;
            bool validB = statusB == CardRecordStatus.Ok;
            if (validA && validB)
            {
                return IsNewer(b.Counter, a.Counter) ? 1 : 0;
            }

            if (validA)
            {
                return 0;
            }

            return validB ? 1 : None;
        }

        /// <summary>True when <paramref name="counter"/> is ahead of <paramref name="other"/> by 1..32767 steps modulo 65536.</summary>
        public static bool IsNewer(int counter, int other)
        {
            int ahead = (counter - other) & 0xFFFF;
            return ahead != 0 && ahead < 0x8000;
        }

        /// <summary>The first of the copy's two blocks.</summary>
        public static byte Block(int slot)
        {
            return slot == 0 ? CardLayout.PurseBlockA : CardLayout.PurseBlockB;
        }

        public static byte Sector(int slot)
        {
            return slot == 0 ? CardLayout.SectorA : CardLayout.SectorB;
        }

        public static int Other(int slot)
        {
            return slot == 0 ? 1 : 0;
        }
    }
}
