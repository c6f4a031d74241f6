using Terminal.Drivers.Hal;

namespace Terminal.Tests.Mfrc522;

/// <summary>An SPI link whose chip can be pulled off the bus: then MISO reads 0 and nothing reaches the chip.</summary>
internal sealed class UnpluggableSpi(ISpiDevice chip) : ISpiDevice
{
    public bool Unplugged { get; set; }

    public void Transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
    {
        if (Unplugged)
        {
            Array.Clear(read, readOffset, count);
            return;
        }

        chip.Transfer(write, writeOffset, read, readOffset, count);
    }
}
