using Terminal.Drivers.Hal;
using Terminal.Simulation.Mfrc522;

namespace Terminal.Tests.Mfrc522;

/// <summary>Byte-level MFRC522 SPI framing written out by hand, so the tests check the model against the datasheet, not against the driver.</summary>
internal sealed class RawSpi(ISpiDevice spi)
{
    public static byte ReadAddress(Mfrc522Register register) => (byte)(0x80 | (byte)register << 1);

    public static byte WriteAddress(Mfrc522Register register) => (byte)((byte)register << 1);

    public byte[] Transfer(params byte[] mosi)
    {
        var miso = new byte[mosi.Length];
        spi.Transfer(mosi, 0, miso, 0, mosi.Length);
        return miso;
    }

    public byte Read(Mfrc522Register register) => Transfer(ReadAddress(register), 0x00)[1];

    public void Write(Mfrc522Register register, params byte[] values) => Transfer([WriteAddress(register), .. values]);

    /// <summary>One read burst; returns the answers without the junk first byte.</summary>
    public byte[] ReadBurst(params Mfrc522Register[] registers) =>
        Transfer([.. registers.Select(ReadAddress), 0x00])[1..];

    public void Command(Mfrc522Command command) => Write(Mfrc522Register.Command, (byte)command);
}
