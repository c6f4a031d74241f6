using Terminal.Drivers.Hal;

namespace Terminal.NanoReplay.Replay
{
    /// <summary>The reader chip as recorded: each transfer checks the MOSI bytes and answers the recorded MISO bytes.</summary>
    public sealed class ReplaySpiDevice : ISpiDevice
    {
        private readonly ReplayCursor _cursor;

        public ReplaySpiDevice(ReplayCursor cursor)
        {
            _cursor = cursor;
        }

        public void Transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
        {
            _cursor.Transfer(write, writeOffset, read, readOffset, count);
        }
    }
}
