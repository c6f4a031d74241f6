using FsCheck.Xunit;
using Terminal.Drivers.Iso14443;
using Xunit;

namespace Terminal.Tests.Iso14443;

public sealed class CrcATests
{
    [Theory]
    [InlineData(new byte[] { 0x00, 0x00 }, 0xA0, 0x1E)]
    [InlineData(new byte[] { 0x12, 0x34 }, 0x26, 0xCF)]
    [InlineData(new byte[] { 0x50, 0x00 }, 0x57, 0xCD)]
    [InlineData(new byte[] { 0x30, 0x00 }, 0x02, 0xA8)]
    public void MatchesTheStandardsVectors(byte[] frame, byte low, byte high)
    {
        var buffer = new byte[frame.Length + 2];
        frame.CopyTo(buffer, 0);
        CrcA.Append(buffer, 0, frame.Length);
        Assert.Equal(low, buffer[^2]);
        Assert.Equal(high, buffer[^1]);
        Assert.True(CrcA.Check(buffer, 0, buffer.Length));
    }

    [Property]
    public bool AppendedCrcChecks(byte[] data)
    {
        var buffer = new byte[data.Length + 2];
        data.CopyTo(buffer, 0);
        CrcA.Append(buffer, 0, data.Length);
        return CrcA.Check(buffer, 0, buffer.Length);
    }

    [Property]
    public bool AnySingleBitFlipIsDetected(byte[] data, int bitSeed)
    {
        var buffer = new byte[data.Length + 2];
        data.CopyTo(buffer, 0);
        CrcA.Append(buffer, 0, data.Length);
        var bit = (int)((uint)bitSeed % (uint)(buffer.Length * 8));
        buffer[bit / 8] ^= (byte)(1 << (bit % 8));
        return !CrcA.Check(buffer, 0, buffer.Length);
    }

    [Fact]
    public void TooShortIsNotValid() => Assert.False(CrcA.Check([0x63], 0, 1));
}
