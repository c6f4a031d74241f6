using System;

namespace Terminal.Drivers.Iso14443
{
    /// <summary>
    /// How a UID is split over the cascade levels of ISO/IEC 14443-3: each level carries 4 bytes
    /// and their BCC; every level but the last starts with the cascade tag and 3 UID bytes.
    /// </summary>
    public static class CascadeLevels
    {
        public const byte CascadeTag = 0x88;

        /// <summary>4 UID (or tag + 3 UID) bytes and the BCC.</summary>
        public const int LevelLength = 5;

        public const int MaxLevels = 3;

        private static readonly byte[] Selectors = new byte[] { 0x93, 0x95, 0x97 };

        /// <summary>SEL code of the level (0-based): 0x93, 0x95, 0x97.</summary>
        public static byte Selector(int level)
        {
            return Selectors[level];
        }

        /// <summary>Levels a UID of that length needs: 1, 2 or 3.</summary>
        public static int Count(int uidLength)
        {
            return uidLength == 4 ? 1 : uidLength == 7 ? 2 : 3;
        }

        /// <summary>Block check character: XOR of the 4 bytes.</summary>
        public static byte Bcc(byte[] data, int offset)
        {
            return (byte)(data[offset] ^ data[offset + 1] ^ data[offset + 2] ^ data[offset + 3]);
        }

        /// <summary>Writes level <paramref name="level"/> (0-based) of a known UID, BCC included: what SELECT sends.</summary>
        public static void Fill(CardUid uid, int level, byte[] destination, int offset)
        {
            int uidOffset = 3 * level;
            if (level == Count(uid.Length) - 1)
            {
                Array.Copy(uid.Bytes, uidOffset, destination, offset, 4);
            }
            else
            {
                destination[offset] = CascadeTag;
                Array.Copy(uid.Bytes, uidOffset, destination, offset + 1, 3);
            }

            destination[offset + 4] = Bcc(destination, offset);
        }

        /// <summary>
        /// Appends the UID bytes of one selected level to <paramref name="uid"/>, leaving out the
        /// cascade tag. False when an incomplete level lacks the tag (on the last level 0x88 is an
        /// ordinary UID byte).
        /// </summary>
        public static bool Append(CardUid uid, byte[] level, int offset, bool uidIncomplete)
        {
            if (uidIncomplete)
            {
                if (level[offset] != CascadeTag)
                {
                    return false;
                }

                Array.Copy(level, offset + 1, uid.Bytes, uid.Length, 3);
                uid.Length += 3;
                return true;
            }

            Array.Copy(level, offset, uid.Bytes, uid.Length, 4);
            uid.Length += 4;
            return true;
        }
    }
}
