using System;

namespace Terminal.Drivers.Mifare
{
    /// <summary>
    /// The last block of a sector: key A (bytes 0..5, reads back as zeros), access bits (6..8),
    /// a free user byte (9) and key B (10..15).
    /// </summary>
    public static class SectorTrailer
    {
        public const int KeyLength = 6;
        public const int KeyAOffset = 0;
        public const int AccessBitsOffset = 6;
        public const int UserByteOffset = 9;
        public const int KeyBOffset = 10;

        /// <summary>The user byte of a card as delivered.</summary>
        public const byte FactoryUserByte = 0x69;

        /// <summary>Builds a trailer block for personalisation; <paramref name="conditions"/> as in <see cref="AccessBits.Encode"/>.</summary>
        public static void Build(
            byte[] keyA, int keyAOffset, int[] conditions, byte userByte, byte[] keyB, int keyBOffset, byte[] destination, int offset)
        {
            Array.Copy(keyA, keyAOffset, destination, offset + KeyAOffset, KeyLength);
            AccessBits.Encode(conditions, destination, offset + AccessBitsOffset);
            destination[offset + UserByteOffset] = userByte;
            Array.Copy(keyB, keyBOffset, destination, offset + KeyBOffset, KeyLength);
        }

        /// <summary>Reads the access conditions of a trailer as read from a card; false when they are inconsistent.</summary>
        public static bool TryReadConditions(byte[] trailer, int offset, int[] conditions)
        {
            return AccessBits.TryDecode(trailer, offset + AccessBitsOffset, conditions);
        }
    }
}
