namespace Terminal.Firmware.Qr
{
    /// <summary>
    /// The fields of one decoded token. A single instance is refilled for every scan; its fields are
    /// trustworthy only after <see cref="QrTokenVerifier.Verify"/> returned <see cref="QrTokenStatus.Ok"/>.
    /// </summary>
    public sealed class QrToken
    {
        public int KeyId { get; private set; }

        /// <summary>The passenger account the backend charges (32 bits, unsigned).</summary>
        public long AccountId { get; private set; }

        /// <summary>The one-use identifier the replay rule keys on.</summary>
        public long TokenId { get; private set; }

        public long ValidFromUnixSeconds { get; private set; }

        public long ValidUntilUnixSeconds { get; private set; }

        /// <summary>Fare product the passenger chose; 0 = the account's default.</summary>
        public int FareProduct { get; private set; }

        /// <summary>Concession the backend granted the account; 0 = none.</summary>
        public int Concession { get; private set; }

        /// <summary>Reads the fields of a <see cref="QrTokenLayout.TotalSize"/>-byte token; false for an unknown version.</summary>
        public bool TryRead(byte[] token, int offset)
        {
            if (token[offset + QrTokenLayout.VersionOffset] != QrTokenLayout.Version1)
            {
                return false;
            }

            KeyId = (int)ReadBigEndian(token, offset + QrTokenLayout.KeyIdOffset, 2);
            AccountId = ReadBigEndian(token, offset + QrTokenLayout.AccountIdOffset, 4);
            TokenId = ReadBigEndian(token, offset + QrTokenLayout.TokenIdOffset, 8);
            ValidFromUnixSeconds = ReadBigEndian(token, offset + QrTokenLayout.ValidFromOffset, 4);
            ValidUntilUnixSeconds = ReadBigEndian(token, offset + QrTokenLayout.ValidUntilOffset, 4);
            FareProduct = token[offset + QrTokenLayout.FareProductOffset];
            Concession = token[offset + QrTokenLayout.ConcessionOffset];
            return true;
        }

        private static long ReadBigEndian(byte[] data, int offset, int count)
        {
            long value = 0;
            for (int i = 0; i < count; i++)
            {
                value = (value << 8) | data[offset + i];
            }

            return value;
        }
    }
}
