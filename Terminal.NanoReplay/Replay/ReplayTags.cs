namespace Terminal.NanoReplay.Replay
{
    /// <summary>
    /// The event tags of a replay script's stream, one byte each: every call the firmware made into the board while
    /// it was recorded, in order, so that a replay can answer the same calls with the same values and notice the first
    /// call that differs.
    /// </summary>
    public static class ReplayTags
    {
        /// <summary>"NRP1": the script format this reader understands.</summary>
        public const uint Magic = 0x3150524E;

        /// <summary>An SPI transfer: u16 count, the count bytes the firmware sent (MOSI), the count bytes the chip answered (MISO).</summary>
        public const byte Spi = (byte)'S';

        /// <summary>A read of the monotonic clock: i64 microseconds.</summary>
        public const byte Monotonic = (byte)'M';

        /// <summary>A read of the wall clock: i64 Unix seconds.</summary>
        public const byte WallClock = (byte)'U';

        /// <summary>A delay the firmware asked for: i32 microseconds.</summary>
        public const byte Delay = (byte)'D';

        /// <summary>A serial read: u16 bytes asked for, u16 bytes returned, the bytes.</summary>
        public const byte SerialRead = (byte)'R';

        /// <summary>A serial write: u16 count, the bytes.</summary>
        public const byte SerialWrite = (byte)'W';

        /// <summary>The firmware set the wall clock: i64 Unix seconds.</summary>
        public const byte ClockSet = (byte)'T';

        /// <summary>The start of a phase: u8 phase index. Everything the previous phase recorded must be used up by then.</summary>
        public const byte Phase = (byte)'P';

        /// <summary>The end of the stream.</summary>
        public const byte End = (byte)'E';

        public static string Name(byte tag)
        {
            switch (tag)
            {
                case Spi: return "SPI transfer";
                case Monotonic: return "monotonic clock read";
                case WallClock: return "wall clock read";
                case Delay: return "delay";
                case SerialRead: return "serial read";
                case SerialWrite: return "serial write";
                case ClockSet: return "clock set";
                case Phase: return "phase start";
                case End: return "end of script";
                default: return "unknown tag 0x" + tag.ToString("x2");
            }
        }
    }
}
