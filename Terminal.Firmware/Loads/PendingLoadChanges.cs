namespace Terminal.Firmware.Loads
{
    /// <summary>
    /// One version step of the pending-load list, or a snapshot's entries: per card UID, the load to apply (number
    /// and amount) or, with <see cref="IsRemovalAt"/>, none any more. Grows as it is filled (outside the tap path).
    /// </summary>
    public sealed class PendingLoadChanges
    {
        public const int UidStride = 10;

        private byte[] _uids = new byte[8 * UidStride];
        private int[] _uidLengths = new int[8];
        private int[] _numbers = new int[8];
        private int[] _amounts = new int[8];

        public int Count { get; private set; }

        /// <summary>UIDs, <see cref="UidStride"/> bytes apart.</summary>
        public byte[] Uids
        {
            get { return _uids; }
        }

        public int UidLengthAt(int i)
        {
            return _uidLengths[i];
        }

        public int NumberAt(int i)
        {
            return _numbers[i];
        }

        /// <summary>The load's value in cents; 0 for a removal.</summary>
        public int AmountAt(int i)
        {
            return _amounts[i];
        }

        public bool IsRemovalAt(int i)
        {
            return _amounts[i] == 0;
        }

        public void Add(byte[] uid, int offset, int uidLength, int number, int amount)
        {
            Grow();
            System.Array.Copy(uid, offset, _uids, Count * UidStride, uidLength);
            _uidLengths[Count] = uidLength;
            _numbers[Count] = number;
            _amounts[Count] = amount;
            Count++;
        }

        public void Remove(byte[] uid, int offset, int uidLength)
        {
            Add(uid, offset, uidLength, 0, 0);
        }

        private void Grow()
        {
            if (Count < _numbers.Length)
            {
                return;
            }

            int capacity = _numbers.Length * 2;
            byte[] uids = new byte[capacity * UidStride];
            System.Array.Copy(_uids, uids, _uids.Length);
            _uids = uids;
            _uidLengths = Widen(_uidLengths, capacity);
            _numbers = Widen(_numbers, capacity);
            _amounts = Widen(_amounts, capacity);
        }

        private static int[] Widen(int[] values, int capacity)
        {
            int[] wider = new int[capacity];
            System.Array.Copy(values, wider, values.Length);
            return wider;
        }
    }
}
