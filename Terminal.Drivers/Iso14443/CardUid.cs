using System;

namespace Terminal.Drivers.Iso14443
{
    /// <summary>
    /// A card's UID (4, 7 or 10 bytes) without cascade tags, in a buffer allocated once and
    /// refilled at every tap.
    /// </summary>
    public sealed class CardUid
    {
        public const int MaxLength = 10;

        /// <summary>A 4-byte UID starting with this byte is a random ID, new at every activation.</summary>
        public const byte RandomIdPrefix = 0x08;

        public readonly byte[] Bytes = new byte[MaxLength];

        /// <summary>Valid bytes in <see cref="Bytes"/>: 0 (none yet), 4, 7 or 10.</summary>
        public int Length;

        /// <summary>True for a random ID, which changes at every activation and so cannot identify a card.</summary>
        public bool IsRandom
        {
            get { return Length == 4 && Bytes[0] == RandomIdPrefix; }
        }

        /// <summary>
        /// Where the 4 bytes that MIFARE Crypto1 authenticates with start: the UID bytes of the last
        /// cascade level, i.e. the last 4 bytes (NXP AN10927 for 7-byte UIDs).
        /// </summary>
        public int Crypto1Offset
        {
            get { return Length - 4; }
        }

        public void Clear()
        {
            Array.Clear(Bytes, 0, MaxLength);
            Length = 0;
        }

        /// <summary>Takes a UID of 4, 7 or 10 bytes; any other length is refused.</summary>
        public void Set(byte[] source, int offset, int length)
        {
            if (length != 4 && length != 7 && length != 10)
            {
                throw new ArgumentOutOfRangeException("length", "a UID has 4, 7 or 10 bytes");
            }

            Clear();
            Array.Copy(source, offset, Bytes, 0, length);
            Length = length;
        }

        public void CopyFrom(CardUid other)
        {
            Array.Copy(other.Bytes, Bytes, MaxLength);
            Length = other.Length;
        }

        public bool SameAs(CardUid other)
        {
            if (other.Length != Length)
            {
                return false;
            }

            for (int i = 0; i < Length; i++)
            {
                if (other.Bytes[i] != Bytes[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
