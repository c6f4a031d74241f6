namespace Terminal.Firmware.Fares
{
    /// <summary>
    /// Holds the fare table in force. An offered table is parsed into a spare preallocated table,
    /// verified, and compared by version; only when all of that passes does the store switch to it,
    /// in one reference assignment, so a refused table never disturbs the one in force.
    /// The tap loop reads <see cref="Current"/> once per tap on the same thread that loads tables.
    /// </summary>
    public sealed class FareTableStore
    {
        private readonly ISignatureVerifier verifier;
        private readonly FareTable[] tables = new FareTable[] { new FareTable(), new FareTable() };
        private int current = -1;

        public FareTableStore(ISignatureVerifier verifier)
        {
            this.verifier = verifier;
        }

        /// <summary>The table in force, or null until one has been loaded.</summary>
        public FareTable? Current
        {
            get { return current < 0 ? null : tables[current]; }
        }

        /// <summary>Offers a signed table; on anything but <see cref="FareTableStatus.Loaded"/> the previous table stays in force.</summary>
        public FareTableStatus Load(byte[] data, int offset, int count)
        {
            int spare = current == 0 ? 1 : 0;
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

            if (current >= 0 && candidate.Version <= tables[current].Version)
            {
                return FareTableStatus.NotNewer;
            }

            current = spare;
            return FareTableStatus.Loaded;
        }
    }
}
