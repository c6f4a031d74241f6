using Terminal.Drivers.Hal;

namespace Terminal.Emulator.Replay;

/// <summary>The scanner's UART with a tap on it: every read and write is passed on and written down.</summary>
public sealed class RecordingSerialPort(ISerialPort port, ReplayScriptWriter script) : ISerialPort
{
    public int Read(byte[] buffer, int offset, int count)
    {
        var read = port.Read(buffer, offset, count);
        script.SerialRead(count, buffer.AsSpan(offset, read));
        return read;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        script.SerialWrite(buffer.AsSpan(offset, count));
        port.Write(buffer, offset, count);
    }
}
