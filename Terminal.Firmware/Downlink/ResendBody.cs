using Terminal.Firmware.Binary;

namespace Terminal.Firmware.Downlink
{
    /// <summary>The body of a Resend message: the lowest sequence (u32) the backend wants uploaded again.</summary>
    public static class ResendBody
    {
        public const int Size = 4;

        public static void Write(uint fromSequence, byte[] buffer, int offset)
        {
            LittleEndian.WriteUInt32(buffer, offset, fromSequence);
        }

        public static uint Read(byte[] buffer, int offset)
        {
            return LittleEndian.ReadUInt32(buffer, offset);
        }
    }
}
