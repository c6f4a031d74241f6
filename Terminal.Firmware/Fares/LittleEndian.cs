namespace Terminal.Firmware.Fares
{
    /// <summary>Little-endian reads that do not depend on the platform's byte order (BitConverter's does).</summary>
    internal static class LittleEndian
    {
        public static int U16(byte[] data, int offset)
        {
            return data[offset] | (data[offset + 1] << 8);
        }

        public static int I16(byte[] data, int offset)
        {
            return (short)U16(data, offset);
        }

        public static int I32(byte[] data, int offset)
        {
            return data[offset] | (data[offset + 1] << 8) | (data[offset + 2] << 16) | (data[offset + 3] << 24);
        }

        public static uint U32(byte[] data, int offset)
        {
            return (uint)I32(data, offset);
        }

        public static long I64(byte[] data, int offset)
        {
            return (long)U32(data, offset) | ((long)I32(data, offset + 4) << 32);
        }
    }
}
