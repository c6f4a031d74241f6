namespace Terminal.Drivers.Indicators
{
    /// <summary>
    /// Writes an amount held in minor units (cents) as ASCII digits straight into a byte buffer,
    /// e.g. 125 as "1.25" and -50 as "-0.50", so the tap path builds display rows without strings.
    /// </summary>
    public static class MoneyFormat
    {
        /// <summary>Sign, 20 digits of a long, separator.</summary>
        public const int MaxLength = 22;

        /// <returns>The number of bytes written.</returns>
        public static int Write(long minorUnits, int fractionDigits, byte decimalSeparator, byte[] buffer, int offset)
        {
            // The magnitude as unsigned: negating long.MinValue would overflow.
            ulong magnitude = minorUnits < 0 ? (ulong)(-(minorUnits + 1)) + 1 : (ulong)minorUnits;
            int digits = 1;
            for (ulong rest = magnitude / 10; rest > 0; rest /= 10)
            {
                digits++;
            }

            if (digits <= fractionDigits)
            {
                digits = fractionDigits + 1;
            }

            int length = digits + (minorUnits < 0 ? 1 : 0) + (fractionDigits > 0 ? 1 : 0);
            int position = offset + length;
            for (int written = 0; written < digits; written++)
            {
                if (written == fractionDigits && fractionDigits > 0)
                {
                    buffer[--position] = decimalSeparator;
                }

                buffer[--position] = (byte)('0' + (int)(magnitude % 10));
                magnitude /= 10;
            }

            if (minorUnits < 0)
            {
                buffer[--position] = (byte)'-';
            }

            return length;
        }
    }
}
