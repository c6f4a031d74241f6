namespace Terminal.Drivers.Mifare
{
    /// <summary>
    /// The MIFARE Classic value block format: a signed 32-bit value stored three times (the middle
    /// copy inverted) and an address byte stored four times (alternately inverted), so that a
    /// torn or tampered block fails the check and the card refuses value commands on it.
    /// </summary>
    public static class ValueBlock
    {
        public const int Length = 16;

        public static void Encode(int value, byte address, byte[] destination, int offset)
        {
            WriteInt(value, destination, offset);
            WriteInt(~value, destination, offset + 4);
            WriteInt(value, destination, offset + 8);
            destination[offset + 12] = address;
            destination[offset + 13] = (byte)~address;
            destination[offset + 14] = address;
            destination[offset + 15] = (byte)~address;
        }

        public static bool IsValid(byte[] block, int offset)
        {
            int value = ReadInt(block, offset);
            byte address = block[offset + 12];
            return ReadInt(block, offset + 4) == ~value
                && ReadInt(block, offset + 8) == value
                && block[offset + 13] == (byte)~address
                && block[offset + 14] == address
                && block[offset + 15] == (byte)~address;
        }

        /// <summary>Reads value and address; false (and zeros) when the block is not a valid value block.</summary>
        public static bool TryDecode(byte[] block, int offset, out int value, out byte address)
        {
            if (!IsValid(block, offset))
            {
                value = 0;
                address = 0;
                return false;
            }

            value = ReadInt(block, offset);
            address = block[offset + 12];
            return true;
        }

        /// <summary>Little-endian, as the card stores it and as value operations send the operand.</summary>
        public static void WriteInt(int value, byte[] destination, int offset)
        {
            destination[offset] = (byte)value;
            destination[offset + 1] = (byte)(value >> 8);
            destination[offset + 2] = (byte)(value >> 16);
            destination[offset + 3] = (byte)(value >> 24);
        }

        public static int ReadInt(byte[] source, int offset)
        {
            return source[offset]
                | (source[offset + 1] << 8)
                | (source[offset + 2] << 16)
                | (source[offset + 3] << 24);
        }
    }
}
