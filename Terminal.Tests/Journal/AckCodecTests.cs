using FsCheck.Xunit;
using Terminal.Firmware.Journal;
using Xunit;

namespace Terminal.Tests.Journal;

public sealed class AckCodecTests
{
    [Property]
    public bool AnAckRoundTrips(uint terminalId, uint upTo)
    {
        var buffer = new byte[AckCodec.Size];
        return AckCodec.Encode(terminalId, upTo, buffer, 0)
            && AckCodec.Decode(buffer, 0, buffer.Length, out uint decodedTerminal, out uint decodedUpTo) == WireStatus.Ok
            && decodedTerminal == terminalId
            && decodedUpTo == upTo;
    }

    [Fact]
    public void TheLayoutIsTheDocumentedOne()
    {
        var buffer = new byte[AckCodec.Size];
        Assert.True(AckCodec.Encode(0x01020304, 0x0A0B0C0D, buffer, 0));
        Assert.Equal(new byte[] { 1, 4, 3, 2, 1, 0x0D, 0x0C, 0x0B, 0x0A }, buffer[..9]);
        Assert.Equal(Crc16Ccitt.Compute(buffer, 0, 9), BitConverter.ToUInt16(buffer, 9));
    }

    [Fact]
    public void DamagedOrMisshapenAcksAreRefused()
    {
        var buffer = new byte[AckCodec.Size + 1];
        AckCodec.Encode(7, 100, buffer, 0);

        Assert.Equal(WireStatus.Truncated, AckCodec.Decode(buffer, 0, AckCodec.Size - 1, out _, out _));
        Assert.Equal(WireStatus.Oversized, AckCodec.Decode(buffer, 0, AckCodec.Size + 1, out _, out _));
        Assert.False(AckCodec.Encode(7, 100, new byte[AckCodec.Size - 1], 0));

        buffer[6] ^= 0x01;
        Assert.Equal(WireStatus.BadCrc, AckCodec.Decode(buffer, 0, AckCodec.Size, out uint terminal, out uint upTo));
        Assert.Equal((0u, 0u), (terminal, upTo));

        buffer[0] = 2;
        Assert.Equal(WireStatus.UnknownVersion, AckCodec.Decode(buffer, 0, AckCodec.Size, out _, out _));
    }

    [Fact]
    public void TopicsFollowTheArchitecture()
    {
        Assert.Equal("fare/v1/terminals/4711/tx", UplinkTopics.Transactions(4711));
        Assert.Equal("fare/v1/terminals/4711/ack", UplinkTopics.Acks(4711));
    }
}
