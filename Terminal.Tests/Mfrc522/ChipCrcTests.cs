using FsCheck;
using FsCheck.Xunit;
using Terminal.Drivers.Iso14443;
using Terminal.Simulation.Mfrc522;
using Xunit;

namespace Terminal.Tests.Mfrc522;

/// <summary>The CalcCRC coprocessor: CRC_A with the ModeReg preset, fed from the FIFO.</summary>
public sealed class ChipCrcTests
{
    [Property]
    public bool Preset6363IsCrcA(byte[] data)
    {
        var bytes = data.Take(64).ToArray();
        Assert.Equal(CrcA.Compute(bytes, 0, bytes.Length), Calculate(0x3D, bytes));
        return true;
    }

    [Theory]
    [InlineData(0x3C, 0x2189)]
    [InlineData(0x3F, 0x6F91)]
    public void OtherPresetsGiveTheReflectedCcittCrcs(byte mode, int expected)
    {
        // 0000: CRC-16/KERMIT check value; FFFF: CRC-16/IBM-SDLC (X.25) check value before its final XOR.
        Assert.Equal(expected, Calculate(mode, "123456789"u8.ToArray()));
    }

    [Property]
    public bool EveryPresetMatchesABitwiseReference(byte[] data, byte presetCode)
    {
        var bytes = data.Take(64).ToArray();
        var preset = new[] { 0x0000, 0x6363, 0xA671, 0xFFFF }[presetCode & 3];
        return Calculate((byte)(0x3C | (presetCode & 3)), bytes) == Reference(preset, bytes);
    }

    [Property]
    public bool DataFollowedByItsOwnCrcSetsCrcOk(NonEmptyArray<byte> data)
    {
        var bytes = data.Get.Take(62).ToArray();
        var framed = new byte[bytes.Length + 2];
        bytes.CopyTo(framed, 0);
        CrcA.Append(framed, 0, bytes.Length);
        var spi = NewChip(0x3D);
        spi.Write(Mfrc522Register.FifoData, framed);
        spi.Command(Mfrc522Command.CalcCrc);
        return (spi.Read(Mfrc522Register.Status1) & 0x60) == 0x60;
    }

    [Fact]
    public void CalcCrcRaisesCrcIrqAndKeepsConsumingUntilIdle()
    {
        var spi = NewChip(0x3D);
        spi.Write(Mfrc522Register.DivIrq, 0x7F);
        spi.Write(Mfrc522Register.FifoData, 0x50);
        spi.Command(Mfrc522Command.CalcCrc);
        Assert.Equal(0x04, spi.Read(Mfrc522Register.DivIrq));
        Assert.Equal(0, spi.Read(Mfrc522Register.FifoLevel));

        spi.Write(Mfrc522Register.FifoData, 0x00);

        Assert.Equal(new byte[] { 0xCD, 0x57 }, spi.ReadBurst(Mfrc522Register.CrcResultH, Mfrc522Register.CrcResultL));
        Assert.Equal((byte)Mfrc522Command.CalcCrc, spi.Read(Mfrc522Register.Command) & 0x0F);
    }

    private static int Calculate(byte mode, byte[] data)
    {
        var spi = NewChip(mode);
        if (data.Length > 0)
        {
            spi.Write(Mfrc522Register.FifoData, data);
        }

        spi.Command(Mfrc522Command.CalcCrc);
        var result = spi.ReadBurst(Mfrc522Register.CrcResultH, Mfrc522Register.CrcResultL);
        return result[0] << 8 | result[1];
    }

    private static RawSpi NewChip(byte mode)
    {
        var spi = new RawSpi(new Mfrc522Chip(new ScriptedChannel()));
        spi.Write(Mfrc522Register.Mode, mode);
        return spi;
    }

    private static int Reference(int preset, byte[] data)
    {
        var crc = preset;
        foreach (var b in data)
        {
            for (var i = 0; i < 8; i++)
            {
                var mix = (crc ^ (b >> i)) & 1;
                crc >>= 1;
                if (mix != 0)
                {
                    crc ^= 0x8408;
                }
            }
        }

        return crc;
    }
}
