namespace Terminal.Firmware.Crypto
{
    /// <summary>A point kept ready for addition: (Y+X, Y-X, 2Z, 2dT), so each addition needs four multiplications.</summary>
    public sealed class CachedPoint
    {
        public readonly int[] YPlusX = new int[Field25519.Limbs];
        public readonly int[] YMinusX = new int[Field25519.Limbs];
        public readonly int[] Z2 = new int[Field25519.Limbs];
        public readonly int[] T2d = new int[Field25519.Limbs];
    }
}
