namespace Terminal.Firmware.Qr
{
    /// <summary>
    /// Base45 decoding (RFC 9285) into a caller's buffer. Base45 uses only the QR alphanumeric alphabet, so a
    /// token fits a smaller QR symbol than Base64 text would (5.5 bits per character instead of 8).
    /// </summary>
    public static class Base45
    {
        private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

        /// <summary>Character value + 1 for each ASCII code, 0 for characters outside the alphabet.</summary>
        private static readonly byte[] Values = BuildValues();

        /// <summary>Bytes that <paramref name="textLength"/> characters decode to, or -1 when no Base45 text has that length.</summary>
        public static int DecodedLength(int textLength)
        {
            if (textLength % 3 == 1)
            {
                return -1;
            }

            return (textLength / 3) * 2 + (textLength % 3 == 2 ? 1 : 0);
        }

        /// <summary>
        /// Decodes <paramref name="count"/> ASCII characters into <paramref name="destination"/>; returns the byte count,
        /// or -1 for a bad length, a character outside the alphabet, a group above its maximum, or too small a destination.
        /// </summary>
        public static int Decode(byte[] text, int offset, int count, byte[] destination, int destinationOffset)
        {
            int length = DecodedLength(count);
            if (length < 0 || destination.Length - destinationOffset < length)
            {
                return -1;
            }

            int at = destinationOffset;
            int end = offset + count;
            for (int i = offset; i < end; i += 3)
            {
                bool pair = end - i >= 3;
                int c = Value(text[i]);
                int d = Value(text[i + 1]);
                int e = pair ? Value(text[i + 2]) : 0;
                if (c < 0 || d < 0 || e < 0)
                {
                    return -1;
                }

                int n = c + 45 * d + 2025 * e;
                if (pair)
                {
                    if (n > 0xFFFF)
                    {
                        return -1;
                    }

                    destination[at++] = (byte)(n >> 8);
                    destination[at++] = (byte)n;
                }
                else
                {
                    if (n > 0xFF)
                    {
                        return -1;
                    }

                    destination[at++] = (byte)n;
                }
            }

            return length;
        }

        private static int Value(byte character)
        {
            return character < Values.Length ? Values[character] - 1 : -1;
        }

        private static byte[] BuildValues()
        {
            byte[] values = new byte[128];
            for (int i = 0; i < Alphabet.Length; i++)
            {
                values[Alphabet[i]] = (byte)(i + 1);
            }

            return values;
        }
    }
}
