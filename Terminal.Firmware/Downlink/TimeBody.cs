using Terminal.Firmware.Binary;

namespace Terminal.Firmware.Downlink
{
    /// <summary>
    /// The body of a time message: the uptime (u32 seconds) of the terminal status the backend answers, or
    /// <see cref="NoEcho"/> for a time pushed unasked. The echo lets the terminal bound the message's age on its
    /// own monotonic clock (<see cref="TimeSync"/>).
    /// </summary>
    public static class TimeBody
    {
        public const int Size = 4;
        public const uint NoEcho = 0xFFFFFFFF;

        public static void Write(uint echoedUptimeSeconds, byte[] buffer, int offset)
        {
            LittleEndian.WriteUInt32(buffer, offset, echoedUptimeSeconds);
        }

        public static uint Read(byte[] buffer, int offset)
        {
            return LittleEndian.ReadUInt32(buffer, offset);
        }
    }
}
