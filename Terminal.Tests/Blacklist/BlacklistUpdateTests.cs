using Terminal.Firmware.Blacklist;
using Terminal.Simulation.Flash;
using Xunit;

namespace Terminal.Tests.Blacklist;

/// <summary>Snapshots and versioned deltas change exactly the listed keys and nothing else.</summary>
public sealed class BlacklistUpdateTests
{
    private readonly Random random = new(11);

    [Fact]
    public void ANewStoreIsEmptyAndAnswersUnavailable()
    {
        var store = new BlacklistStore(new SimulatedFlash());

        Assert.Equal(BlacklistStatus.Empty, store.Open());
        Assert.Equal(BlacklistOutcome.Unavailable, store.LookupCard(new byte[7], 0, 7).Outcome);
        Assert.Equal(BlacklistStatus.NotLoaded, store.ApplyDelta(0, new BlacklistChanges()));
        Assert.Equal(0u, store.Version);
    }

    [Fact]
    public void ADeltaListsRelistsAndRemovesAndMovesToTheNextVersion()
    {
        var listings = BlacklistFixture.RandomListings(random, 5_000);
        var (_, store) = BlacklistFixture.Installed(listings, version: 41);
        var removed = listings.Keys.Take(300).ToList();
        var relisted = listings.Keys.Skip(300).Take(200).ToList();
        var added = Enumerable.Range(0, 400).Select(_ => BlacklistFixture.Unlisted(random, BlacklistFixture.RandomKind(random), listings)).Distinct().ToList();
        var delta = removed.Select(k => KeyValuePair.Create(k, (byte)0))
            .Concat(relisted.Select(k => KeyValuePair.Create(k, (byte)(listings[k] % 15 + 1))))
            .Concat(added.Select(k => KeyValuePair.Create(k, (byte)200)));
        var expected = Apply(listings, delta);

        Assert.Equal(BlacklistStatus.Ok, store.ApplyDelta(41, BlacklistFixture.ToChanges(delta)));

        Assert.Equal(42u, store.Version);
        Assert.Equal(expected.Count, store.ListedCount);
        AssertAnswers(store, expected, removed);
    }

    [Fact]
    public void ADeltaForAnotherBaseVersionIsRefusedAndChangesNothing()
    {
        var listings = BlacklistFixture.RandomListings(random, 1_000);
        var (flash, store) = BlacklistFixture.Installed(listings, version: 7);
        var victim = listings.Keys.First();
        var changes = BlacklistFixture.ToChanges([KeyValuePair.Create(victim, (byte)0)]);
        var writesBefore = flash.Statistics.Writes;

        Assert.Equal(BlacklistStatus.WrongBaseVersion, store.ApplyDelta(6, changes));
        Assert.Equal(BlacklistStatus.WrongBaseVersion, store.ApplyDelta(8, changes));

        Assert.Equal(7u, store.Version);
        Assert.Equal(writesBefore, flash.Statistics.Writes);
        Assert.Equal(BlacklistOutcome.Listed, victim.LookUpIn(store).Outcome);
    }

    [Fact]
    public void WithinADeltaTheLastChangeOfAKeyWins()
    {
        var (_, store) = BlacklistFixture.Installed(new Dictionary<BlacklistKey, byte>());
        var key = BlacklistKey.Random(random, BlacklistKind.Uid4);
        var other = BlacklistKey.Random(random, BlacklistKind.Uid4);
        var changes = new BlacklistChanges();
        changes.List(key.Kind, key.Bytes, 0, 5);
        changes.Remove(key.Kind, key.Bytes, 0);
        changes.List(key.Kind, key.Bytes, 0, 6);
        changes.List(other.Kind, other.Bytes, 0, 5);
        changes.Remove(other.Kind, other.Bytes, 0);

        Assert.Equal(BlacklistStatus.Ok, store.ApplyDelta(1, changes));

        Assert.Equal(new BlacklistVerdict(BlacklistOutcome.Listed, 6), key.LookUpIn(store));
        Assert.Equal(BlacklistOutcome.NotListed, other.LookUpIn(store).Outcome);
        Assert.Equal(1, store.ListedCount);
    }

    [Fact]
    public void ManyDeltasThenCompactionKeepTheAnswersAndDropTheOverlays()
    {
        var expected = BlacklistFixture.RandomListings(random, 20_000);
        var (flash, store) = BlacklistFixture.Installed(expected);
        var everRemoved = new List<BlacklistKey>();
        for (uint version = 1; version <= 6; version++)
        {
            var delta = expected.Keys.OrderBy(_ => random.Next()).Take(600).Select(k => KeyValuePair.Create(k, (byte)0))
                .Concat(Enumerable.Range(0, 900).Select(_ => KeyValuePair.Create(BlacklistFixture.Unlisted(random, BlacklistFixture.RandomKind(random), expected), (byte)random.Next(1, 256))))
                .DistinctBy(p => p.Key).ToList();
            everRemoved.AddRange(delta.Where(p => p.Value == 0).Select(p => p.Key));
            Assert.Equal(BlacklistStatus.Ok, store.ApplyDelta(version, BlacklistFixture.ToChanges(delta)));
            expected = Apply(expected, delta);
        }

        Assert.True(store.NeedsCompaction);
        Assert.Contains(flash.FileNames, n => n.Contains(".ov."));
        Assert.Equal(BlacklistStatus.Ok, store.CompactIfNeeded());

        Assert.False(store.NeedsCompaction);
        Assert.DoesNotContain(flash.FileNames, n => n.Contains(".ov."));
        Assert.Equal(7u, store.Version);
        Assert.Equal(expected.Count, store.ListedCount);
        Assert.Equal(BlacklistStatus.Ok, store.Verify());
        AssertAnswers(store, expected, everRemoved.Where(k => !expected.ContainsKey(k)));
    }

    [Fact]
    public void AnotherStoreOpeningTheSameFlashGivesTheSameAnswers()
    {
        var listings = BlacklistFixture.RandomListings(random, 3_000);
        var (flash, store) = BlacklistFixture.Installed(listings, version: 3);
        var delta = new Dictionary<BlacklistKey, byte> { [listings.Keys.First()] = 0, [BlacklistFixture.Unlisted(random, BlacklistKind.Account, listings)] = 77 };
        Assert.Equal(BlacklistStatus.Ok, store.ApplyDelta(3, BlacklistFixture.ToChanges(delta)));

        var reopened = new BlacklistStore(flash);
        Assert.Equal(BlacklistStatus.Ok, reopened.Open());

        Assert.Equal(4u, reopened.Version);
        AssertAnswers(reopened, Apply(listings, delta), [listings.Keys.First()]);
    }

    [Fact]
    public void ASnapshotReplacesThePreviousVersionEntirely()
    {
        var first = BlacklistFixture.RandomListings(random, 2_000);
        var (flash, store) = BlacklistFixture.Installed(first, version: 5);
        store.ApplyDelta(5, BlacklistFixture.ToChanges([KeyValuePair.Create(BlacklistKey.Random(random, BlacklistKind.Uid10), (byte)1)]));
        var second = BlacklistFixture.RandomListings(random, 2_500);

        Assert.Equal(BlacklistStatus.Ok, store.LoadSnapshot(100, BlacklistFixture.ToChanges(second)));

        Assert.Equal(100u, store.Version);
        AssertAnswers(store, second, first.Keys.Where(k => !second.ContainsKey(k)));
        Assert.Equal(4 * 16 + 1, flash.FileNames.Count);
    }

    [Fact]
    public void ASnapshotWithARemovalIsRefused()
    {
        var (_, store) = BlacklistFixture.Installed(new Dictionary<BlacklistKey, byte>(), version: 2);
        var changes = new BlacklistChanges();
        changes.Remove(BlacklistKind.Uid4, new byte[4], 0);

        Assert.Equal(BlacklistStatus.InvalidEntry, store.LoadSnapshot(3, changes));
        Assert.Equal(2u, store.Version);
    }

    [Fact]
    public void ChangesRefuseKeysWithoutAKindAndReasonZeroListings()
    {
        var changes = new BlacklistChanges();

        Assert.False(changes.ListCard(new byte[7], 0, 5, 1));
        Assert.False(changes.ListCard(new byte[7], 0, 7, 0));
        Assert.False(changes.List(BlacklistKind.Uid10, new byte[9], 0, 1));
        Assert.False(changes.RemoveCard(new byte[3], 0, 3));
        Assert.True(changes.ListCard(new byte[7], 0, 7, 1));
        Assert.Equal(1, changes.Count);
    }

    [Fact]
    public void AFullDriveRefusesTheDeltaAndKeepsThePreviousVersionWithoutLeftovers()
    {
        var listings = BlacklistFixture.RandomListings(random, 3_000);
        var roomy = BlacklistFixture.Installed(listings, version: 9).Flash;
        var flash = new SimulatedFlash(capacity: roomy.UsedBytes + 600);
        var store = new BlacklistStore(flash);
        Assert.Equal(BlacklistStatus.Ok, store.LoadSnapshot(9, BlacklistFixture.ToChanges(listings)));
        var files = flash.FileNames;
        var delta = Enumerable.Range(0, 400).Select(_ => KeyValuePair.Create(BlacklistFixture.Unlisted(random, BlacklistKind.Uid7, listings), (byte)4)).DistinctBy(p => p.Key).ToList();

        Assert.Equal(BlacklistStatus.StorageFull, store.ApplyDelta(9, BlacklistFixture.ToChanges(delta)));

        Assert.Equal(9u, store.Version);
        Assert.Equal(files, flash.FileNames);
        AssertAnswers(store, listings, delta.Select(p => p.Key));
    }

    internal static Dictionary<BlacklistKey, byte> Apply(IReadOnlyDictionary<BlacklistKey, byte> listings, IEnumerable<KeyValuePair<BlacklistKey, byte>> delta)
    {
        var result = new Dictionary<BlacklistKey, byte>(listings);
        foreach (var (key, reason) in delta)
        {
            if (reason == 0)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = reason;
            }
        }

        return result;
    }

    internal static void AssertAnswers(BlacklistStore store, IReadOnlyDictionary<BlacklistKey, byte> expected, IEnumerable<BlacklistKey> unlisted)
    {
        foreach (var (key, reason) in expected)
        {
            Assert.Equal(new BlacklistVerdict(BlacklistOutcome.Listed, reason), key.LookUpIn(store));
        }

        foreach (var key in unlisted)
        {
            Assert.Equal(new BlacklistVerdict(BlacklistOutcome.NotListed, 0), key.LookUpIn(store));
        }
    }
}
