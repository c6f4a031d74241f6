using Terminal.Simulation.Mfrc522;
using Pcd = Terminal.Drivers.Mfrc522.Mfrc522;

namespace Terminal.Tests.Mfrc522;

/// <summary>The driver on the chip model on a scripted channel, with raw SPI access for checking registers.</summary>
internal sealed class DriverFixture
{
    public DriverFixture(Mfrc522ChipOptions? options = null)
    {
        Chip = new Mfrc522Chip(Channel, options);
        Spi = new RawSpi(Chip);
        Driver = new Pcd(Chip, Channel.Clock);
    }

    public ScriptedChannel Channel { get; } = new();

    public Mfrc522Chip Chip { get; }

    public RawSpi Spi { get; }

    public Pcd Driver { get; }

    /// <summary>The chip at rest, as the driver promises after every call: idle, no IRQ, empty FIFO.</summary>
    public bool ChipAtRest()
    {
        var state = Spi.ReadBurst(Mfrc522Register.Command, Mfrc522Register.ComIrq, Mfrc522Register.FifoLevel);
        return (state[0] & 0x0F) == 0 && state[1] == 0 && state[2] == 0;
    }
}
