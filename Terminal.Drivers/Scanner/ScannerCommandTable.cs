namespace Terminal.Drivers.Scanner
{
    /// <summary>
    /// Which zone bits mean what on one scanner model. A setting left null is not known for
    /// that model and is reported as unsupported instead of guessed.
    /// </summary>
    public sealed class ScannerCommandTable
    {
        /// <summary>Zone 0x0000, bits 1..0: 00 manual, 01 command (host-triggered), 10 continuous, 11 sensor.</summary>
        public const int Gm65ModeZone = 0x0000;

        public const byte Gm65ModeMask = 0x03;
        public const byte Gm65CommandMode = 0x01;
        public const byte Gm65ContinuousMode = 0x02;

        public ZoneSetting? ScanningOn { get; set; }

        public ZoneSetting? ScanningOff { get; set; }

        public ZoneSetting? CarriageReturnSuffix { get; set; }

        public ZoneSetting? LineFeedSuffix { get; set; }

        public ZoneSetting? CarriageReturnLineFeedSuffix { get; set; }

        public ZoneSetting? NoSuffix { get; set; }

        /// <summary>
        /// The GM65/GM805 mode bits as the manual lists them. Scanning off is command mode: the
        /// module then decodes only when the host triggers it, which this driver never does. The
        /// suffix zone is not filled in: the public manuals and examples disagree about its
        /// bits, so it must be measured on the delivered module (docs/hardware.md) and set here.
        /// </summary>
        public static ScannerCommandTable Gm65()
        {
            ScannerCommandTable table = new ScannerCommandTable();
            table.ScanningOn = new ZoneSetting(Gm65ModeZone, Gm65ModeMask, Gm65ContinuousMode);
            table.ScanningOff = new ZoneSetting(Gm65ModeZone, Gm65ModeMask, Gm65CommandMode);
            return table;
        }

        public ZoneSetting? SuffixFor(CodeTerminator terminator)
        {
            switch (terminator)
            {
                case CodeTerminator.CarriageReturn:
                    return CarriageReturnSuffix;
                case CodeTerminator.LineFeed:
                    return LineFeedSuffix;
                case CodeTerminator.CarriageReturnLineFeed:
                    return CarriageReturnLineFeedSuffix;
                default:
                    return NoSuffix;
            }
        }
    }
}
