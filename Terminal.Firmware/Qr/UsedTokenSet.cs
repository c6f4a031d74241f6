namespace Terminal.Firmware.Qr
{
    /// <summary>
    /// Token ids accepted on this terminal, each kept until its token could no longer pass the validity check
    /// anyway. Fixed arrays scanned linearly: a few hundred entries cost a few thousand interpreted instructions,
    /// noise next to one signature verification, and nothing is allocated.
    /// </summary>
    public sealed class UsedTokenSet
    {
        /// <summary>
        /// A terminal's capacity (docs/qr-token.md): a bus door sees at most 0.75 scans/s, so a full window of
        /// <see cref="QrTokenVerifier.MaxValiditySeconds"/> plus the skew holds at most 630 × 0.75 ≈ 473 live ids.
        /// </summary>
        public const int TerminalCapacity = 512;

        /// <summary>Marks a free slot: before any unix time the clock can show.</summary>
        private const long Free = -1;

        private readonly long[] _tokenIds;
        private readonly long[] _keepUntil;

        public UsedTokenSet(int capacity)
        {
            _tokenIds = new long[capacity];
            _keepUntil = new long[capacity];
            for (int i = 0; i < capacity; i++)
            {
                _keepUntil[i] = Free;
            }
        }

        /// <summary>
        /// Live entries pushed out because the set was full. Nonzero means the capacity is below the scan rate times
        /// the longest validity, and an evicted token could be shown again until it expires.
        /// </summary>
        public int LiveEvictions { get; private set; }

        public bool Contains(long tokenId, long nowUnixSeconds)
        {
            for (int i = 0; i < _tokenIds.Length; i++)
            {
                if (_keepUntil[i] >= nowUnixSeconds && _tokenIds[i] == tokenId)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Records a token id until <paramref name="keepUntilUnixSeconds"/>, reusing a slot whose entry has lapsed.</summary>
        public void Add(long tokenId, long keepUntilUnixSeconds, long nowUnixSeconds)
        {
            int slot = 0;
            for (int i = 0; i < _tokenIds.Length; i++)
            {
                if (_keepUntil[i] < _keepUntil[slot])
                {
                    slot = i;
                }
            }

            if (_keepUntil[slot] >= nowUnixSeconds)
            {
                LiveEvictions++;
            }

            _tokenIds[slot] = tokenId;
            _keepUntil[slot] = keepUntilUnixSeconds;
        }

        public int CountLive(long nowUnixSeconds)
        {
            int count = 0;
            for (int i = 0; i < _keepUntil.Length; i++)
            {
                if (_keepUntil[i] >= nowUnixSeconds)
                {
                    count++;
                }
            }

            return count;
        }
    }
}
