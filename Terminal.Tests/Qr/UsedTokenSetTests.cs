using Terminal.Firmware.Qr;
using Xunit;

namespace Terminal.Tests.Qr;

public sealed class UsedTokenSetTests
{
    [Fact]
    public void RemembersUntilTheGivenTimeInclusive()
    {
        var set = new UsedTokenSet(4);
        set.Add(tokenId: 9, keepUntilUnixSeconds: 100, nowUnixSeconds: 50);
        Assert.True(set.Contains(9, 100));
        Assert.False(set.Contains(9, 101));
        Assert.False(set.Contains(8, 50));
    }

    [Fact]
    public void ReusesLapsedSlotsWithoutEvictingLiveOnes()
    {
        var set = new UsedTokenSet(2);
        set.Add(1, 100, 0);
        set.Add(2, 200, 0);
        set.Add(3, 300, 150);
        Assert.Equal(0, set.LiveEvictions);
        Assert.True(set.Contains(2, 150));
        Assert.True(set.Contains(3, 150));
    }

    [Fact]
    public void WhenFullItEvictsTheEntryClosestToLapsingAndCountsIt()
    {
        var set = new UsedTokenSet(2);
        set.Add(1, 300, 0);
        set.Add(2, 100, 0);
        set.Add(3, 200, 10);
        Assert.Equal(1, set.LiveEvictions);
        Assert.False(set.Contains(2, 10));
        Assert.True(set.Contains(1, 10));
        Assert.True(set.Contains(3, 10));
        Assert.Equal(2, set.CountLive(10));
    }
}
