using Terminal.Drivers.Hal;

namespace Terminal.NanoReplay.Replay
{
    /// <summary>The QR scanner's UART as recorded: reads return the recorded bytes, writes are checked.</summary>
    public sealed class ReplaySerialPort : ISerialPort
    {
        private readonly ReplayCursor _cursor;

        public ReplaySerialPort(ReplayCursor cursor)
        {
            _cursor = cursor;
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            return _cursor.SerialRead(buffer, offset, count);
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _cursor.SerialWrite(buffer, offset, count);
        }
    }
}
