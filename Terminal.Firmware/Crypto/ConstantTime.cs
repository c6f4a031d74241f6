namespace Terminal.Firmware.Crypto
{
    /// <summary>Comparisons whose running time does not depend on where the inputs differ.</summary>
    public static class ConstantTime
    {
        /// <summary>
        /// True when both ranges hold the same bytes. It reads all <paramref name="count"/> bytes whatever they hold,
        /// so a forger timing the terminal learns nothing about how many leading bytes of a MAC were right.
        /// </summary>
        public static bool AreEqual(byte[] a, int aOffset, byte[] b, int bOffset, int count)
        {
            int difference = 0;
            for (int i = 0; i < count; i++)
            {
                difference |= a[aOffset + i] ^ b[bOffset + i];
            }

            return difference == 0;
        }
    }
}
