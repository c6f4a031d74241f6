using FsCheck.Xunit;
using Terminal.Firmware.Downlink;
using Terminal.Firmware.Journal;
using Xunit;

namespace Terminal.Tests.Downlink;

public sealed class StatusCodecTests
{
    [Property]
    public bool AnOnlineStatusRoundTrips(uint terminal, uint firmware, uint fares, uint blacklist, uint keys, uint backlog, uint acked, uint next, long clock, uint uptime)
    {
        var report = new TerminalStatusReport
        {
            TerminalId = terminal, Online = true, FirmwareVersion = firmware, FareTableVersion = fares, BlacklistVersion = blacklist,
            KeysVersion = keys, JournalBacklog = backlog, AcknowledgedUpTo = acked, NextSequence = next, ClockUnixSeconds = clock, UptimeSeconds = uptime,
        };
        var buffer = new byte[StatusCodec.Size];
        var decoded = new TerminalStatusReport();
        return StatusCodec.Encode(report, buffer, 0)
            && StatusCodec.Decode(buffer, 0, buffer.Length, decoded) == WireStatus.Ok
            && decoded.Online && decoded.TerminalId == terminal && decoded.FirmwareVersion == firmware && decoded.FareTableVersion == fares
            && decoded.BlacklistVersion == blacklist && decoded.KeysVersion == keys && decoded.JournalBacklog == backlog
            && decoded.AcknowledgedUpTo == acked && decoded.NextSequence == next && decoded.ClockUnixSeconds == clock && decoded.UptimeSeconds == uptime;
    }

    [Property]
    public bool TheOfflineFormRoundTripsAndIsSevenBitTextWithoutZeros(uint terminal)
    {
        var buffer = new byte[StatusCodec.MaxOfflineSize];
        int length = StatusCodec.EncodeOffline(terminal, buffer, 0);
        var decoded = new TerminalStatusReport { Online = true };
        return length > 2
            && buffer[..length].All(b => b is > 0 and < 0x80)
            && StatusCodec.Decode(buffer, 0, length, decoded) == WireStatus.Ok
            && !decoded.Online && decoded.TerminalId == terminal;
    }

    [Fact]
    public void TheOfflineFormIsVersionStateAndDecimalId()
    {
        var buffer = new byte[StatusCodec.MaxOfflineSize];
        int length = StatusCodec.EncodeOffline(4711, buffer, 0);
        Assert.Equal(new byte[] { 1, 2, (byte)'4', (byte)'7', (byte)'1', (byte)'1' }, buffer[..length]);
    }

    [Property]
    public bool EveryFlippedBitOfAnOnlineStatusIsCaught(uint terminal, long clock, byte position, byte bit)
    {
        var buffer = new byte[StatusCodec.Size];
        StatusCodec.Encode(new TerminalStatusReport { TerminalId = terminal, ClockUnixSeconds = clock }, buffer, 0);
        buffer[position % StatusCodec.Size] ^= (byte)(1 << (bit % 8));
        return StatusCodec.Decode(buffer, 0, buffer.Length, new TerminalStatusReport()) != WireStatus.Ok;
    }

    [Theory]
    [InlineData(new byte[] { }, WireStatus.Truncated)]
    [InlineData(new byte[] { 1 }, WireStatus.Truncated)]
    [InlineData(new byte[] { 2, 1 }, WireStatus.UnknownVersion)]
    [InlineData(new byte[] { 1, 9, 0 }, WireStatus.BadRecord)]
    [InlineData(new byte[] { 1, 2 }, WireStatus.Truncated)]
    [InlineData(new byte[] { 1, 2, (byte)'1', (byte)'x' }, WireStatus.BadRecord)]
    [InlineData(new byte[] { 1, 2, (byte)'0', (byte)'7' }, WireStatus.BadRecord)]
    [InlineData(new byte[] { 1, 2, (byte)'4', (byte)'2', (byte)'9', (byte)'4', (byte)'9', (byte)'6', (byte)'7', (byte)'2', (byte)'9', (byte)'6' }, WireStatus.BadRecord)]
    [InlineData(new byte[] { 1, 1, 0, 0 }, WireStatus.Truncated)]
    public void MisshapenStatusesAreRefused(byte[] payload, WireStatus expected)
    {
        Assert.Equal(expected, StatusCodec.Decode(payload, 0, payload.Length, new TerminalStatusReport()));
    }

    [Fact]
    public void AnOnlineStatusWithTrailingBytesIsOversized()
    {
        var buffer = new byte[StatusCodec.Size + 1];
        StatusCodec.Encode(new TerminalStatusReport { TerminalId = 1 }, buffer, 0);
        Assert.Equal(WireStatus.Oversized, StatusCodec.Decode(buffer, 0, buffer.Length, new TerminalStatusReport()));
        Assert.False(StatusCodec.Encode(new TerminalStatusReport(), new byte[StatusCodec.Size - 1], 0));
    }
}
