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

    [Theory]
    [InlineData(UsedTokenSet.TerminalCapacity, 0)]
    [InlineData(256, 1)]
    public void ATerminalsSetHoldsTheLongestTokensAtTheBusiestDoorWithoutEvictingALiveOne(int capacity, int expectEvictions)
    {
        // docs/qr-token.md: 0.75 scans/s at most (one every 4/3 s), every token valid for the longest window.
        var set = new UsedTokenSet(capacity);
        for (long scan = 0; scan < 3000; scan++)
        {
            long now = scan * 4 / 3;
            set.Add(scan + 1, now + QrTokenVerifier.MaxValiditySeconds + QrTokenVerifier.AllowedSkewSeconds, now);
        }

        Assert.Equal(expectEvictions, Math.Sign(set.LiveEvictions));
    }
}
