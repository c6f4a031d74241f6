namespace Terminal.Firmware.Binary
{
    /// <summary>
    /// Little-endian integers of the widths the wire formats use (16, 24, 32 and 64 bits), written into
    /// and read from a caller's buffer. BitConverter follows the CPU's byte order, so it is not used.
    /// </summary>
    public static class LittleEndian
    {
        public static void WriteUInt16(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
        }

        public static int ReadUInt16(byte[] buffer, int offset)
        {
            return buffer[offset] | (buffer[offset + 1] << 8);
        }

        public static void WriteUInt24(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
        }

        public static int ReadUInt24(byte[] buffer, int offset)
        {
            return buffer[offset] | (buffer[offset + 1] << 8) | (buffer[offset + 2] << 16);
        }

        /// <summary>Reads a two's complement 24-bit value, sign-extended.</summary>
        public static int ReadInt24(byte[] buffer, int offset)
        {
            return (ReadUInt24(buffer, offset) << 8) >> 8;
        }

        public static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }

        public static uint ReadUInt32(byte[] buffer, int offset)
        {
            return (uint)(buffer[offset] | (buffer[offset + 1] << 8) | (buffer[offset + 2] << 16) | (buffer[offset + 3] << 24));
        }

        public static void WriteUInt64(byte[] buffer, int offset, ulong value)
        {
            WriteUInt32(buffer, offset, (uint)value);
            WriteUInt32(buffer, offset + 4, (uint)(value >> 32));
        }

        public static ulong ReadUInt64(byte[] buffer, int offset)
        {
            return ReadUInt32(buffer, offset) | ((ulong)ReadUInt32(buffer, offset + 4) << 32);
        }

        public static int ReadInt16(byte[] buffer, int offset)
        {
            return (short)ReadUInt16(buffer, offset);
        }

        public static int ReadInt32(byte[] buffer, int offset)
        {
            return (int)ReadUInt32(buffer, offset);
        }

        public static long ReadInt64(byte[] buffer, int offset)
        {
            return (long)ReadUInt64(buffer, offset);
        }
    }
}
