using Terminal.Drivers.Hal;

namespace Terminal.Firmware.Composition
{
    /// <summary>
    /// LEDs, buzzer and a 2×16 display that nobody watches: for the replay runs, whose recordings hold the reader's and
    /// scanner's traffic but no indicator output. Every write is dropped.
    /// </summary>
    public sealed class UnwatchedIndicators : IDigitalOutput, ITextDisplay
    {
        public int Rows
        {
            get { return 2; }
        }

        public int Columns
        {
            get { return 16; }
        }

        public void Write(bool high)
        {
        }

        public void WriteRow(int row, byte[] utf8, int offset, int count)
        {
        }
    }
}
