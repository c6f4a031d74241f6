using Backend.Ingest.Status;
using Terminal.Firmware.Downlink;
using Xunit;

namespace Backend.Tests.Status;

/// <summary>What the status consumer accepts from a status topic, and what it refuses before anything is recorded.</summary>
public sealed class StatusIntakeTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_780_000_000_123);

    [Theory]
    [InlineData(0u, 0u, 0u, 0u, 0u, 0)]
    [InlineData(7u, 2u, 4u, 1u, 5u, 5)]
    [InlineData(uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue, int.MaxValue)]
    public void AnOnlineStatusOnItsOwnTopicBecomesTheReportItSays(uint id, uint fareTable, uint blacklist, uint keys, uint backlog, int shownBacklog)
    {
        var wire = new TerminalStatusReport
        {
            TerminalId = id, Online = true, FirmwareVersion = 3, FareTableVersion = fareTable, BlacklistVersion = blacklist,
            KeysVersion = keys, JournalBacklog = backlog,
        };
        var payload = new byte[StatusCodec.Size];
        StatusCodec.Encode(wire, payload, 0);

        var report = StatusIntake.Inspect(DownlinkTopics.Status(id), payload, Now).Report;

        Assert.NotNull(report);
        Assert.Equal((id, true, 3L, fareTable, blacklist, keys), (report.TerminalId, report.Online, report.FirmwareVersion, (uint)report.FareTableVersion, (uint)report.BlacklistVersion, (uint)report.KeysVersion));
        Assert.Equal(shownBacklog, report.JournalBacklog);
        Assert.Equal(Now, report.ReceivedAt);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(51u)]
    [InlineData(uint.MaxValue)]
    public void TheOfflineWillOnItsOwnTopicIsAnOfflineReport(uint id)
    {
        var will = new byte[StatusCodec.MaxOfflineSize];
        int length = StatusCodec.EncodeOffline(id, will, 0);

        var report = StatusIntake.Inspect(DownlinkTopics.Status(id), will.AsSpan(0, length), Now).Report;

        Assert.NotNull(report);
        Assert.Equal((id, false), (report.TerminalId, report.Online));
    }

    [Theory]
    [InlineData(52u, 53u, true)]
    [InlineData(53u, 52u, true)]
    [InlineData(1u, 10u, true)]
    [InlineData(52u, 52u, false)]
    public void AStatusOnAnotherTerminalsTopicIsRefused(uint id, uint topicId, bool refused)
    {
        var payload = new byte[StatusCodec.Size];
        StatusCodec.Encode(new TerminalStatusReport { TerminalId = id, Online = true }, payload, 0);

        var verdict = StatusIntake.Inspect(DownlinkTopics.Status(topicId), payload, Now);

        Assert.Equal(refused, verdict.Report is null);
        Assert.Equal(refused, verdict.Reason.Contains($"terminal {topicId}'s topic"));
    }

    [Fact]
    public void AnUncleanWillOrADamagedStatusIsRefusedWithItsReason()
    {
        var payload = new byte[StatusCodec.Size];
        StatusCodec.Encode(new TerminalStatusReport { TerminalId = 9, Online = true }, payload, 0);
        payload[20] ^= 0x40;

        Assert.Contains("BadCrc", StatusIntake.Inspect(DownlinkTopics.Status(9), payload, Now).Reason);
        Assert.Contains("UnknownVersion", StatusIntake.Inspect(DownlinkTopics.Status(9), "offline"u8, Now).Reason);
        Assert.Contains("more than a status", StatusIntake.Inspect(DownlinkTopics.Status(9), new byte[StatusCodec.Size + 1], Now).Reason);
    }

    [Theory]
    [InlineData("fare/v1/terminals//status")]
    [InlineData("fare/v1/terminals/09/status")]
    [InlineData("fare/v1/terminals/+9/status")]
    [InlineData("fare/v1/terminals/4294967296/status")]
    [InlineData("fare/v1/terminals/9/tx")]
    [InlineData("fare/v2/terminals/9/status")]
    public void ATopicThatNamesNoTerminalIsRefused(string topic)
    {
        var will = new byte[StatusCodec.MaxOfflineSize];
        int length = StatusCodec.EncodeOffline(9, will, 0);

        var verdict = StatusIntake.Inspect(topic, will.AsSpan(0, length), Now);

        Assert.Null(verdict.Report);
        Assert.Contains("names no terminal", verdict.Reason);
    }
}
