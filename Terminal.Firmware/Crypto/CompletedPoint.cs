namespace Terminal.Firmware.Crypto
{
    /// <summary>
    /// The four factors E, F, G, H an addition or doubling ends with: the point is X = EF, Y = GH, Z = FG, T = EH.
    /// Keeping them apart lets the caller skip T (one multiplication) when a doubling comes next.
    /// </summary>
    public sealed class CompletedPoint
    {
        public readonly int[] E = new int[Field25519.Limbs];
        public readonly int[] F = new int[Field25519.Limbs];
        public readonly int[] G = new int[Field25519.Limbs];
        public readonly int[] H = new int[Field25519.Limbs];
    }
}
