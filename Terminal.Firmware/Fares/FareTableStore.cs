namespace Terminal.Firmware.Fares
{
    /// <summary>
    /// Holds the fare table in force and at most one table announced for later. An offered table is
    /// parsed into a spare preallocated table, verified, and compared by version; only when all of
    /// that passes does the store switch to it, in one index assignment, so a refused table never
    /// disturbs the ones held. A table whose valid-from is still ahead waits as pending and takes
    /// over at the first <see cref="TableAt"/> call at or after that time.
    /// The tap loop calls <see cref="TableAt"/> once per tap, on the same thread that loads tables.
    /// </summary>
    public sealed class FareTableStore
    {
        private const int None = -1;

        private readonly ISignatureVerifier verifier;
        private readonly FareTable[] tables = new FareTable[] { new FareTable(), new FareTable(), new FareTable() };
        private int current = None;
        private int pending = None;

        public FareTableStore(ISignatureVerifier verifier)
        {
            this.verifier = verifier;
        }

        /// <summary>The table in force, or null until one has taken effect.</summary>
        public FareTable? Current
        {
            get { return current == None ? null : tables[current]; }
        }

        /// <summary>An accepted table waiting for its valid-from time, or null.</summary>
        public FareTable? Pending
        {
            get { return pending == None ? null : tables[pending]; }
        }

        /// <summary>The table to price a tap at <paramref name="now"/> with, first switching to the pending table if its time has come.</summary>
        public FareTable? TableAt(long now)
        {
            if (pending != None && now >= tables[pending].ValidFrom)
            {
                current = pending;
                pending = None;
            }

            return Current;
        }

        /// <summary>
        /// Offers a signed table at time <paramref name="now"/>. It must be newer than both the current
        /// and the pending table; it takes effect at once if already valid (dropping an older pending
        /// table), otherwise it becomes the pending table. On a refusal nothing changes.
        /// </summary>
        public FareTableStatus Load(byte[] data, int offset, int count, long now)
        {
            int spare = SpareSlot();
            FareTable candidate = tables[spare];
            FareTableStatus status = FareTableParser.Parse(data, offset, count, candidate);
            if (status != FareTableStatus.Loaded)
            {
                return status;
            }

            int signed = count - FareTableFormat.SignatureSize;
            if (!verifier.Verify(data, offset, signed, data, offset + signed, candidate.IssuerKeyId))
            {
                return FareTableStatus.BadSignature;
            }

            if (!IsNewerThan(current, candidate) || !IsNewerThan(pending, candidate))
            {
                return FareTableStatus.NotNewer;
            }

            if (candidate.ValidFrom > now)
            {
                pending = spare;
                return FareTableStatus.Pending;
            }

            current = spare;
            pending = None;
            return FareTableStatus.Loaded;
        }

        private bool IsNewerThan(int slot, FareTable candidate)
        {
            return slot == None || candidate.Version > tables[slot].Version;
        }

        private int SpareSlot()
        {
            int slot = 0;
            while (slot == current || slot == pending)
            {
                slot++;
            }

            return slot;
        }
    }
}
