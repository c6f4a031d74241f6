using Terminal.Drivers.Hal;

namespace Terminal.Tests.Mfrc522;

/// <summary>
/// A chip stand-in that answers every read from a fixed register table and allocates nothing, so that
/// allocation measurements see only the driver: IRQs say every command is done, the FIFO holds 2 bytes.
/// </summary>
internal sealed class CannedSpi : ISpiDevice
{
    private readonly byte[] _registers = new byte[64];

    public CannedSpi()
    {
        _registers[0x04] = 0x70;
        _registers[0x05] = 0x04;
        _registers[0x08] = 0x08;
        _registers[0x09] = 0xA5;
        _registers[0x0A] = 2;
        _registers[0x37] = 0x92;
    }

    public void Transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
    {
        read[readOffset] = 0;
        var reading = (write[writeOffset] & 0x80) != 0;
        for (var i = 1; i < count; i++)
        {
            read[readOffset + i] = reading ? _registers[(write[writeOffset + i - 1] >> 1) & 0x3F] : (byte)0;
        }
    }
}
