namespace Terminal.Drivers.Mfrc522
{
    /// <summary>
    /// The timeout timer in 25 µs ticks: TPrescaler 169 gives 13.56 MHz / (2·169 + 1) = 40 kHz. With TAuto
    /// it starts when a frame ends and stops at the answer's fifth bit, so TReload bounds the card's
    /// response latency, and each exchange can program its own.
    /// </summary>
    internal static class Mfrc522Timer
    {
        public const int TickMicroseconds = 25;

        /// <summary>TModeReg: TAuto, prescaler high nibble 0.</summary>
        public const byte TModeAuto = 0x80;

        public const byte Prescaler = 0xA9;

        public const int MaxReload = 0xFFFF;

        public const int MaxTimeoutMicroseconds = (MaxReload + 1) * TickMicroseconds;

        /// <summary>The reload whose period, (TReload + 1) ticks, is the shortest one not below the timeout.</summary>
        public static int ReloadFor(int timeoutMicroseconds)
        {
            int ticks = (timeoutMicroseconds + TickMicroseconds - 1) / TickMicroseconds;
            return ticks < 1 ? 0 : ticks - 1;
        }
    }
}
