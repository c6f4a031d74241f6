namespace Terminal.Drivers.Indicators
{
    /// <summary>
    /// UTF-8 for display texts: nanoFramework's mscorlib has no Encoding class. Encodes like
    /// .NET's Encoding.UTF8: surrogate pairs become four bytes, a lone surrogate becomes
    /// U+FFFD. Used when message tables are filled, not on the tap path.
    /// </summary>
    public static class Utf8Encoder
    {
        private const int ReplacementCharacter = 0xFFFD;

        public static int GetByteCount(string text)
        {
            char[] chars = text.ToCharArray();
            int count = 0;
            int i = 0;
            while (i < chars.Length)
            {
                int codePoint = NextCodePoint(chars, ref i);
                count += ByteLength(codePoint);
            }

            return count;
        }

        public static byte[] GetBytes(string text)
        {
            byte[] bytes = new byte[GetByteCount(text)];
            Encode(text, bytes, 0, bytes.Length);
            return bytes;
        }

        /// <summary>
        /// Writes as much of <paramref name="text"/> as fits in <paramref name="capacity"/> bytes,
        /// never splitting a character, and returns the bytes written.
        /// </summary>
        public static int Encode(string text, byte[] buffer, int offset, int capacity)
        {
            // One copy instead of text[i]: on nano each index rescans the UTF-8 string.
            char[] chars = text.ToCharArray();
            int written = 0;
            int i = 0;
            while (i < chars.Length)
            {
                int codePoint = NextCodePoint(chars, ref i);
                int length = ByteLength(codePoint);
                if (written + length > capacity)
                {
                    break;
                }

                WriteCodePoint(codePoint, length, buffer, offset + written);
                written += length;
            }

            return written;
        }

        /// <summary>Characters in UTF-8 bytes: every byte that is not a continuation byte starts one.</summary>
        public static int CountCharacters(byte[] utf8, int offset, int count)
        {
            int characters = 0;
            for (int i = offset; i < offset + count; i++)
            {
                if ((utf8[i] & 0xC0) != 0x80)
                {
                    characters++;
                }
            }

            return characters;
        }

        /// <summary>How many of <paramref name="count"/> bytes hold the first <paramref name="maxCharacters"/> characters.</summary>
        public static int PrefixLength(byte[] utf8, int offset, int count, int maxCharacters)
        {
            int characters = 0;
            for (int i = offset; i < offset + count; i++)
            {
                if ((utf8[i] & 0xC0) != 0x80)
                {
                    if (characters == maxCharacters)
                    {
                        return i - offset;
                    }

                    characters++;
                }
            }

            return count;
        }

        private static int NextCodePoint(char[] chars, ref int index)
        {
            int c = chars[index++];
            if (c < 0xD800 || c > 0xDFFF)
            {
                return c;
            }

            if (c <= 0xDBFF && index < chars.Length && chars[index] >= 0xDC00 && chars[index] <= 0xDFFF)
            {
                int low = chars[index++];
                return 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
            }

            return ReplacementCharacter;
        }

        private static int ByteLength(int codePoint)
        {
            if (codePoint < 0x80)
            {
                return 1;
            }

            if (codePoint < 0x800)
            {
                return 2;
            }

            return codePoint < 0x10000 ? 3 : 4;
        }

        private static void WriteCodePoint(int codePoint, int length, byte[] buffer, int at)
        {
            switch (length)
            {
                case 1:
                    buffer[at] = (byte)codePoint;
                    break;
                case 2:
                    buffer[at] = (byte)(0xC0 | (codePoint >> 6));
                    buffer[at + 1] = (byte)(0x80 | (codePoint & 0x3F));
                    break;
                case 3:
                    buffer[at] = (byte)(0xE0 | (codePoint >> 12));
                    buffer[at + 1] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                    buffer[at + 2] = (byte)(0x80 | (codePoint & 0x3F));
                    break;
                default:
                    buffer[at] = (byte)(0xF0 | (codePoint >> 18));
                    buffer[at + 1] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
                    buffer[at + 2] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                    buffer[at + 3] = (byte)(0x80 | (codePoint & 0x3F));
                    break;
            }
        }
    }
}
