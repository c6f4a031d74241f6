using FsCheck.Xunit;
using Terminal.Drivers.Scanner;
using Xunit;

namespace Terminal.Tests.Scanner;

/// <summary>The frames match the GM65 manual's worked examples byte for byte.</summary>
public sealed class ZoneCommandTests
{
    [Fact]
    public void WriteMatchesTheManualsExample()
    {
        var frame = new byte[ZoneCommand.FrameLength];
        Assert.Equal(9, ZoneCommand.BuildWrite(frame, 0x000A, 0x3E));
        Assert.Equal([0x7E, 0x00, 0x08, 0x01, 0x00, 0x0A, 0x3E, 0x4C, 0xCF], frame);
    }

    [Fact]
    public void ReadMatchesTheManualsExample()
    {
        var frame = new byte[ZoneCommand.FrameLength];
        ZoneCommand.BuildRead(frame, 0x000A);
        Assert.Equal([0x7E, 0x00, 0x07, 0x01, 0x00, 0x0A, 0x01, 0xEE, 0x8A], frame);
    }

    [Fact]
    public void SaveMatchesTheManualsExample()
    {
        var frame = new byte[ZoneCommand.FrameLength];
        ZoneCommand.BuildSave(frame);
        Assert.Equal([0x7E, 0x00, 0x09, 0x01, 0x00, 0x00, 0x00, 0xDE, 0xC8], frame);
    }

    [Theory]
    [InlineData(new byte[] { 0x02, 0x00, 0x00, 0x01, 0x00, 0x33, 0x31 })]
    [InlineData(new byte[] { 0x02, 0x00, 0x00, 0x01, 0x3E, 0xE4, 0xAC })]
    public void AcceptsTheManualsReplies(byte[] reply) => Assert.True(ZoneCommand.IsWellFormedReply(reply, 0));

    [Theory]
    [InlineData(new byte[] { 0x02, 0x00, 0x00, 0x01, 0x00, 0x33, 0x30 })]
    [InlineData(new byte[] { 0x02, 0x01, 0x00, 0x01, 0x00, 0x33, 0x31 })]
    [InlineData(new byte[] { 0x02, 0x00, 0x00, 0x02, 0x00, 0x33, 0x31 })]
    public void RefusesDamagedReplies(byte[] reply) => Assert.False(ZoneCommand.IsWellFormedReply(reply, 0));

    [Fact]
    public void CrcIsTheXmodemVariant() => Assert.Equal(0x31C3, ZoneCrc.Compute("123456789"u8.ToArray(), 0, 9));

    [Property]
    public bool EveryBuiltWriteCarriesItsOwnCrc(ushort address, byte value)
    {
        var frame = new byte[ZoneCommand.FrameLength];
        ZoneCommand.BuildWrite(frame, address, value);
        var crc = ZoneCrc.Compute(frame, 2, 5);
        return frame[4] == address >> 8 && frame[5] == (byte)address && frame[6] == value
            && frame[7] == crc >> 8 && frame[8] == (byte)crc;
    }
}
