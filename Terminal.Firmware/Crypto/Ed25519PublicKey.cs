namespace Terminal.Firmware.Crypto
{
    /// <summary>
    /// An Ed25519 public key A prepared for verification: its encoding (hashed into every challenge) and the odd
    /// multiples -A, -3A, ..., -15A and the same of 2^128 (-A), which the verifier adds. Preparing costs a square
    /// root and 128 doublings, so a key ring prepares each key once, when it is provisioned.
    /// </summary>
    public sealed class Ed25519PublicKey
    {
        public const int Size = 32;

        /// <summary>The key's window width: multiples for digits up to 2^(w-1) - 1 are kept.</summary>
        public const int Window = 5;

        public readonly byte[] Encoded = new byte[Size];
        public readonly CachedPoint[] NegatedOddMultiples = new CachedPoint[1 << (Window - 2)];

        /// <summary>Odd multiples of 2^128 (-A), for the upper half of the challenge scalar.</summary>
        public readonly CachedPoint[] ShiftedNegatedOddMultiples = new CachedPoint[1 << (Window - 2)];

        public Ed25519PublicKey()
        {
            for (int i = 0; i < NegatedOddMultiples.Length; i++)
            {
                NegatedOddMultiples[i] = new CachedPoint();
                ShiftedNegatedOddMultiples[i] = new CachedPoint();
            }
        }

        /// <summary>False until <see cref="Ed25519Verifier.TryPrepare"/> accepted an encoding.</summary>
        public bool IsPrepared { get; internal set; }
    }
}
