namespace Terminal.Firmware.Crypto
{
    /// <summary>
    /// A point of edwards25519 in extended coordinates: x = X/Z, y = Y/Z, x*y = T/Z.
    /// Where only doubling follows, T is left stale (projective use) to save a multiplication.
    /// </summary>
    public sealed class EdwardsPoint
    {
        public readonly int[] X = new int[Field25519.Limbs];
        public readonly int[] Y = new int[Field25519.Limbs];
        public readonly int[] Z = new int[Field25519.Limbs];
        public readonly int[] T = new int[Field25519.Limbs];

        public void SetIdentity()
        {
            Field25519.Zero(X);
            Field25519.One(Y);
            Field25519.One(Z);
            Field25519.Zero(T);
        }
    }
}
