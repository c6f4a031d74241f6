using Terminal.Firmware.Blacklist;
using Terminal.Simulation.Flash;
using Xunit;

namespace Terminal.Tests.Blacklist;

/// <summary>
/// A power cut at any write of any update leaves, after reboot, either the previous version or the new one,
/// intact, with every answer matching that version and no leftover files.
/// </summary>
public sealed class BlacklistPowerCutTests
{
    private readonly Random random = new(5);

    [Fact]
    public void ACutAtEveryByteOfEveryWriteOfADeltaLeavesTheOldOrTheNewVersion()
    {
        var listings = BlacklistFixture.RandomListings(random, 400);
        var delta = SomeDelta(listings, removals: 6, additions: 6);

        var outcomes = SweepDelta(listings, delta, maxPositionsPerWrite: int.MaxValue);

        const int manifestBytes = 580;
        Assert.True(outcomes.Cuts > manifestBytes + 1, $"{outcomes.Cuts} cuts");
        Assert.True(outcomes.Old > 0 && outcomes.New > 0);
    }

    [Fact]
    public void CutsSampledInEveryWriteOfALargeDeltaLeaveTheOldOrTheNewVersion()
    {
        var listings = BlacklistFixture.RandomListings(random, 20_000);
        var delta = SomeDelta(listings, removals: 500, additions: 1_500);

        var outcomes = SweepDelta(listings, delta, maxPositionsPerWrite: 8);

        Assert.True(outcomes.Old > 0 && outcomes.New > 0);
    }

    [Fact]
    public void ACutAnywhereInACompactionKeepsTheVersionAndItsAnswers()
    {
        var listings = BlacklistFixture.RandomListings(random, 600);
        var (flash, store) = BlacklistFixture.Installed(listings, version: 20);
        var delta = SomeDelta(listings, removals: 8, additions: 12);
        Assert.Equal(BlacklistStatus.Ok, store.ApplyDelta(20, BlacklistFixture.ToChanges(delta)));
        var expected = BlacklistUpdateTests.Apply(listings, delta);
        var removed = delta.Where(p => p.Value == 0).Select(p => p.Key).ToList();

        int cuts = PowerCutSweep.Run(
            flash.Clone,
            cut => Reopened(cut).Compact(),
            (after, _, _) =>
            {
                var reopened = Reopened(after);
                Assert.Equal(21u, reopened.Version);
                AssertIntact(after, reopened);
                BlacklistUpdateTests.AssertAnswers(reopened, expected, removed);
                Assert.Equal(BlacklistStatus.Ok, reopened.Compact());
                Assert.DoesNotContain(after.FileNames, n => n.Contains(".ov."));
            },
            maxPositionsPerWrite: 4);

        Assert.True(cuts > 50, $"{cuts} cuts");
    }

    [Fact]
    public void ACutAnywhereInASnapshotOverAnInstalledVersionLeavesOneOfTheTwo()
    {
        var first = BlacklistFixture.RandomListings(random, 500);
        var second = BlacklistFixture.RandomListings(random, 700);
        var flash = BlacklistFixture.Installed(first, version: 1).Flash;
        var changes = BlacklistFixture.ToChanges(second);
        int olds = 0, news = 0;

        PowerCutSweep.Run(
            flash.Clone,
            cut => Reopened(cut).LoadSnapshot(2, changes),
            (after, _, _) =>
            {
                var reopened = Reopened(after);
                AssertIntact(after, reopened);
                bool isNew = reopened.Version == 2;
                Assert.True(isNew || reopened.Version == 1);
                var (expected, other) = isNew ? (second, first) : (first, second);
                BlacklistUpdateTests.AssertAnswers(reopened, expected, other.Keys.Where(k => !expected.ContainsKey(k)).Take(100));
                _ = isNew ? news++ : olds++;
            },
            maxPositionsPerWrite: 4);

        Assert.True(olds > 0 && news > 0);
    }

    private (int Cuts, int Old, int New) SweepDelta(Dictionary<BlacklistKey, byte> listings, List<KeyValuePair<BlacklistKey, byte>> delta, int maxPositionsPerWrite)
    {
        var flash = BlacklistFixture.Installed(listings, version: 9).Flash;
        var changes = BlacklistFixture.ToChanges(delta);
        var expectedNew = BlacklistUpdateTests.Apply(listings, delta);
        var touched = delta.Select(p => p.Key).ToList();
        int olds = 0, news = 0;

        int cuts = PowerCutSweep.Run(
            flash.Clone,
            cut => Reopened(cut).ApplyDelta(9, changes),
            (after, _, _) =>
            {
                var reopened = Reopened(after);
                AssertIntact(after, reopened);
                bool isNew = reopened.Version == 10;
                Assert.True(isNew || reopened.Version == 9, $"version {reopened.Version}");
                var expected = isNew ? expectedNew : listings;
                Assert.Equal(expected.Count, reopened.ListedCount);
                foreach (var key in touched.Concat(listings.Keys.Take(200)))
                {
                    var answer = key.LookUpIn(reopened);
                    Assert.Equal(expected.TryGetValue(key, out var reason) ? new BlacklistVerdict(BlacklistOutcome.Listed, reason) : new BlacklistVerdict(BlacklistOutcome.NotListed, 0), answer);
                }

                if (!isNew)
                {
                    Assert.Equal(BlacklistStatus.Ok, reopened.ApplyDelta(9, changes));
                    Assert.Equal(10u, reopened.Version);
                }

                _ = isNew ? news++ : olds++;
            },
            maxPositionsPerWrite);

        return (cuts, olds, news);
    }

    private List<KeyValuePair<BlacklistKey, byte>> SomeDelta(Dictionary<BlacklistKey, byte> listings, int removals, int additions) =>
        listings.Keys.OrderBy(_ => random.Next()).Take(removals).Select(k => KeyValuePair.Create(k, (byte)0))
            .Concat(Enumerable.Range(0, additions).Select(_ => KeyValuePair.Create(BlacklistFixture.Unlisted(random, BlacklistFixture.RandomKind(random), listings), (byte)random.Next(1, 256))))
            .DistinctBy(p => p.Key).ToList();

    private static BlacklistStore Reopened(SimulatedFlash flash)
    {
        var store = new BlacklistStore(flash);
        Assert.Equal(BlacklistStatus.Ok, store.Open());
        return store;
    }

    /// <summary>Every file checks out and only the live ones remain: the manifest and one slot per table.</summary>
    private static void AssertIntact(SimulatedFlash flash, BlacklistStore store)
    {
        Assert.Equal(BlacklistStatus.Ok, store.Verify());
        int overlays = flash.FileNames.Count(n => n.Contains(".ov."));
        Assert.Equal(1 + 4 * 16 + overlays, flash.FileNames.Count);
        Assert.InRange(overlays, 0, 4);
    }
}
