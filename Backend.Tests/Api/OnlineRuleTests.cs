using Backend.Ingest.Fleet;
using Xunit;

namespace Backend.Tests.Api;

/// <summary>Online means: the last status said so, and it is at most three heartbeats old.</summary>
public sealed class OnlineRuleTests
{
    private static readonly DateTimeOffset Seen = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, true)]
    [InlineData(179, true)]
    [InlineData(180, true)]
    [InlineData(181, false)]
    [InlineData(3_600, false)]
    public void AnOnlineReportCountsForThreeDefaultHeartbeats(int secondsLater, bool online)
    {
        Assert.Equal(online, Status(reportedOnline: true).IsOnlineAt(Seen.AddSeconds(secondsLater), new FleetOptions()));
    }

    [Fact]
    public void AnOfflineReportIsOfflineEvenWhenFresh()
    {
        Assert.False(Status(reportedOnline: false).IsOnlineAt(Seen, new FleetOptions()));
    }

    [Fact]
    public void TheHeartbeatAndTheMissesAllowedAreConfigurable()
    {
        var options = new FleetOptions { HeartbeatSeconds = 10, MissedHeartbeats = 2 };

        Assert.True(Status(reportedOnline: true).IsOnlineAt(Seen.AddSeconds(20), options));
        Assert.False(Status(reportedOnline: true).IsOnlineAt(Seen.AddSeconds(21), options));
    }

    private static TerminalStatus Status(bool reportedOnline) => new(1, reportedOnline, 1, 1, 1, 1, 0, Seen);
}
