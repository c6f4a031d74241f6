using System;

namespace Terminal.NanoTests
{
    /// <summary>Known answers are written in hex, as the documents print them; spaces are ignored.</summary>
    public static class Hex
    {
        public static byte[] Bytes(string hex)
        {
            int digits = 0;
            for (int i = 0; i < hex.Length; i++)
            {
                if (hex[i] != ' ')
                {
                    digits++;
                }
            }

            var bytes = new byte[digits / 2];
            int n = 0;
            for (int i = 0; i < hex.Length; i++)
            {
                if (hex[i] == ' ')
                {
                    continue;
                }

                int nibble = Nibble(hex[i]);
                if ((n & 1) == 0)
                {
                    bytes[n / 2] = (byte)(nibble << 4);
                }
                else
                {
                    bytes[n / 2] |= (byte)nibble;
                }

                n++;
            }

            return bytes;
        }

        public static string Of(byte[] bytes, int offset, int count)
        {
            const string digits = "0123456789abcdef";
            var text = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                text[2 * i] = digits[bytes[offset + i] >> 4];
                text[(2 * i) + 1] = digits[bytes[offset + i] & 0xF];
            }

            return new string(text);
        }

        public static byte[] Ascii(string text)
        {
            var bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }

        private static int Nibble(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            throw new ArgumentException("not a hex digit");
        }
    }
}
