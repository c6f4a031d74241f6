using Terminal.Drivers.Hal;

namespace Terminal.Emulator.Replay;

/// <summary>The reader chip with a tap on its bus: every transfer is passed on and written down, MOSI and MISO byte for byte.</summary>
public sealed class RecordingSpiDevice(ISpiDevice chip, ReplayScriptWriter script) : ISpiDevice
{
    /// <summary>Bytes clocked over the bus so far (each one out and one in).</summary>
    public long Bytes { get; private set; }

    public void Transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
    {
        var mosi = write.AsSpan(writeOffset, count).ToArray();
        chip.Transfer(write, writeOffset, read, readOffset, count);
        script.Spi(mosi, read.AsSpan(readOffset, count));
        Bytes += count;
    }
}
