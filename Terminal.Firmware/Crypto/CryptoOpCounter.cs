#if CRYPTO_OP_COUNT
namespace Terminal.Firmware.Crypto
{
    /// <summary>
    /// Operation counts for cost estimates. It exists only in a build with CRYPTO_OP_COUNT defined
    /// (the cost tests compile one), so the device image carries neither the counters nor their increments.
    /// </summary>
    public static class CryptoOpCounter
    {
        public static long FieldMultiplications;
        public static long FieldSquarings;

        /// <summary>Additions, subtractions and negations: ten limb operations each, no carries.</summary>
        public static long FieldAdditions;
        public static long Sha512Blocks;

        public static void Clear()
        {
            FieldMultiplications = 0;
            FieldSquarings = 0;
            FieldAdditions = 0;
            Sha512Blocks = 0;
        }
    }
}
#endif
