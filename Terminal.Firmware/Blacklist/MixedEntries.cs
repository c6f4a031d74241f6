using System;

namespace Terminal.Firmware.Blacklist
{
    /// <summary>
    /// Entries of one kind as mixed values with their reasons (reason 0 = removed), in growable parallel
    /// arrays. Used while building and merging tables, never on the lookup path.
    /// </summary>
    internal sealed class MixedEntries
    {
        public ulong[] High;
        public ulong[] Low;
        public byte[] Reason;
        public int Count;

        public MixedEntries(int capacity)
        {
            if (capacity < 4)
            {
                capacity = 4;
            }

            High = new ulong[capacity];
            Low = new ulong[capacity];
            Reason = new byte[capacity];
        }

        public void Add(ulong high, ulong low, byte reason)
        {
            if (Count == High.Length)
            {
                Grow();
            }

            High[Count] = high;
            Low[Count] = low;
            Reason[Count] = reason;
            Count++;
        }

        /// <summary>
        /// Sorts by mixed value and keeps, of equal values, the one added last (so later changes win);
        /// then drops removals when <paramref name="keepRemovals"/> is false.
        /// </summary>
        public void SortAndSettle(bool keepRemovals)
        {
            int[] order = new int[Count];
            for (int i = 0; i < Count; i++)
            {
                order[i] = i;
            }

            HeapSort(order);
            ulong[] high = new ulong[Count];
            ulong[] low = new ulong[Count];
            byte[] reason = new byte[Count];
            int kept = 0;
            for (int i = 0; i < Count; i++)
            {
                int e = order[i];
                bool lastOfEqual = i + 1 == Count || High[order[i + 1]] != High[e] || Low[order[i + 1]] != Low[e];
                if (lastOfEqual && (keepRemovals || Reason[e] != 0))
                {
                    high[kept] = High[e];
                    low[kept] = Low[e];
                    reason[kept] = Reason[e];
                    kept++;
                }
            }

            High = high;
            Low = low;
            Reason = reason;
            Count = kept;
        }

        private int Compare(int a, int b)
        {
            if (High[a] != High[b])
            {
                return High[a] < High[b] ? -1 : 1;
            }

            if (Low[a] != Low[b])
            {
                return Low[a] < Low[b] ? -1 : 1;
            }

            return a < b ? -1 : (a > b ? 1 : 0);
        }

        /// <summary>Heap sort of indices (nanoFramework has no Array.Sort); ties broken by index, so stable.</summary>
        private void HeapSort(int[] order)
        {
            int n = order.Length;
            for (int start = n / 2 - 1; start >= 0; start--)
            {
                SiftDown(order, start, n);
            }

            for (int end = n - 1; end > 0; end--)
            {
                int top = order[0];
                order[0] = order[end];
                order[end] = top;
                SiftDown(order, 0, end);
            }
        }

        private void SiftDown(int[] order, int root, int end)
        {
            while (true)
            {
                int child = 2 * root + 1;
                if (child >= end)
                {
                    return;
                }

                if (child + 1 < end && Compare(order[child], order[child + 1]) < 0)
                {
                    child++;
                }

                if (Compare(order[root], order[child]) >= 0)
                {
                    return;
                }

                int swap = order[root];
                order[root] = order[child];
                order[child] = swap;
                root = child;
            }
        }

        private void Grow()
        {
            int capacity = High.Length * 2;
            ulong[] high = new ulong[capacity];
            ulong[] low = new ulong[capacity];
            byte[] reason = new byte[capacity];
            Array.Copy(High, high, Count);
            Array.Copy(Low, low, Count);
            Array.Copy(Reason, reason, Count);
            High = high;
            Low = low;
            Reason = reason;
        }
    }
}
