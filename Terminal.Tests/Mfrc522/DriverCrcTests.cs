using FsCheck.Xunit;
using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Reader;
using Xunit;

namespace Terminal.Tests.Mfrc522;

/// <summary>CRC_A through the chip's coprocessor agrees with the software CRC_A.</summary>
public sealed class DriverCrcTests
{
    [Property(MaxTest = 50)]
    public bool TheCoprocessorComputesCrcA(byte[] data)
    {
        var bytes = data.Take(64).ToArray();
        var f = new DriverFixture();
        f.Driver.Init();
        var result = new byte[3];

        var status = f.Driver.CalculateCrc(bytes, 0, bytes.Length, result, 1);

        var crc = CrcA.Compute(bytes, 0, bytes.Length);
        return status == ReaderStatus.Ok && result[1] == (byte)crc && result[2] == (byte)(crc >> 8) && f.ChipAtRest();
    }

    [Fact]
    public void HltaGivesTheStandardsCrc()
    {
        var f = new DriverFixture();
        f.Driver.Init();
        var result = new byte[2];

        Assert.Equal(ReaderStatus.Ok, f.Driver.CalculateCrc([0x50, 0x00], 0, 2, result, 0));

        Assert.Equal(new byte[] { 0x57, 0xCD }, result);
    }

    [Fact]
    public void MoreThanAFifoIsRefused()
    {
        var f = new DriverFixture();
        f.Driver.Init();
        Assert.Throws<ArgumentException>(() => f.Driver.CalculateCrc(new byte[65], 0, 65, new byte[2], 0));
    }
}
