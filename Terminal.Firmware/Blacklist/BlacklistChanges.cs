using System;

namespace Terminal.Firmware.Blacklist
{
    /// <summary>
    /// A list of blacklist changes in order: listings (with a reason 1..255) and removals (reason 0).
    /// A snapshot is a list of listings; a delta may mix both, and a later change of a key wins.
    /// </summary>
    public sealed class BlacklistChanges
    {
        public const int KeyStride = 10;

        private byte[] keys;
        private byte[] kinds;
        private byte[] reasons;
        private int count;

        public BlacklistChanges()
        {
            keys = new byte[16 * KeyStride];
            kinds = new byte[16];
            reasons = new byte[16];
        }

        public int Count
        {
            get { return count; }
        }

        /// <summary>Lists a key with a reason; false (nothing added) for reason 0 or a key shorter than its kind.</summary>
        public bool List(BlacklistKind kind, byte[] key, int offset, byte reason)
        {
            return reason != 0 && Add(kind, key, offset, reason);
        }

        /// <summary>Lists a card by UID; false for a UID length that is not 4, 7 or 10, or reason 0.</summary>
        public bool ListCard(byte[] uid, int offset, int length, byte reason)
        {
            int kind = BlacklistKinds.ForUidLength(length);
            return kind >= 0 && List((BlacklistKind)kind, uid, offset, reason);
        }

        public bool Remove(BlacklistKind kind, byte[] key, int offset)
        {
            return Add(kind, key, offset, 0);
        }

        public bool RemoveCard(byte[] uid, int offset, int length)
        {
            int kind = BlacklistKinds.ForUidLength(length);
            return kind >= 0 && Remove((BlacklistKind)kind, uid, offset);
        }

        public int KindAt(int index)
        {
            return kinds[index];
        }

        public byte ReasonAt(int index)
        {
            return reasons[index];
        }

        /// <summary>The buffer holding the keys; key <c>index</c> starts at <c>index * KeyStride</c>.</summary>
        public byte[] Keys
        {
            get { return keys; }
        }

        private bool Add(BlacklistKind kind, byte[] key, int offset, byte reason)
        {
            int k = (int)kind;
            if (k < 0 || k >= BlacklistKinds.Count || key == null || offset < 0 || offset + BlacklistKinds.KeyBytes(k) > key.Length)
            {
                return false;
            }

            if (count == kinds.Length)
            {
                Grow();
            }

            Array.Copy(key, offset, keys, count * KeyStride, BlacklistKinds.KeyBytes(k));
            kinds[count] = (byte)k;
            reasons[count] = reason;
            count++;
            return true;
        }

        private void Grow()
        {
            int capacity = kinds.Length * 2;
            byte[] k = new byte[capacity * KeyStride];
            byte[] t = new byte[capacity];
            byte[] r = new byte[capacity];
            Array.Copy(keys, k, count * KeyStride);
            Array.Copy(kinds, t, count);
            Array.Copy(reasons, r, count);
            keys = k;
            kinds = t;
            reasons = r;
        }
    }
}
