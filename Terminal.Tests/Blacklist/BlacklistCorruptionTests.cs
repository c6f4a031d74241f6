using Terminal.Firmware.Blacklist;
using Terminal.Simulation.Flash;
using Xunit;

namespace Terminal.Tests.Blacklist;

/// <summary>Damaged files are detected and reported, never trusted; a snapshot recovers the store.</summary>
public sealed class BlacklistCorruptionTests
{
    private readonly Random random = new(13);

    [Fact]
    public void AFlippedBitInTheManifestMakesTheStoreCorruptAndLookupsUnavailable()
    {
        var (flash, listings) = Installed();
        flash.FlipBit("bl.man", random.Next(580), random.Next(8));

        var store = new BlacklistStore(flash);
        Assert.Equal(BlacklistStatus.Corrupt, store.Open());
        Assert.Equal(BlacklistOutcome.Unavailable, listings.Keys.First().LookUpIn(store).Outcome);
        Assert.Equal(BlacklistStatus.NotLoaded, store.ApplyDelta(1, new BlacklistChanges()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(30)]
    public void AFlippedBitInATableHeaderOrDirectoryIsCaughtWhenOpening(int position)
    {
        var (flash, _) = Installed();
        flash.FlipBit(TableOf(flash, BlacklistKind.Uid7), position, 3);

        Assert.Equal(BlacklistStatus.Corrupt, new BlacklistStore(flash).Open());
    }

    [Fact]
    public void AFlippedBitInAPageIsReportedByTheLookupThatReadsItAndByVerify()
    {
        var (flash, listings) = Installed();
        var store = new BlacklistStore(flash);
        Assert.Equal(BlacklistStatus.Ok, store.Open());
        var name = TableOf(flash, BlacklistKind.Uid7);
        flash.FlipBit(name, flash.Length(name) - 7, 0);

        var suspicious = listings.Keys.Where(k => k.Kind == BlacklistKind.Uid7).Select(k => k.LookUpIn(store).Outcome).ToList();

        Assert.Contains(BlacklistOutcome.Corrupt, suspicious);
        Assert.DoesNotContain(BlacklistOutcome.NotListed, suspicious);
        Assert.Equal(BlacklistStatus.Corrupt, store.Verify());
        Assert.Equal(BlacklistOutcome.Unavailable, listings.Keys.First().LookUpIn(store).Outcome);
    }

    [Fact]
    public void AMissingOrTruncatedTableIsCaughtWhenOpening()
    {
        var (flash, _) = Installed();
        var name = TableOf(flash, BlacklistKind.Uid4);
        var bytes = flash.Peek(name)!;
        flash.Replace(name, bytes, 0, bytes.Length - 2);
        Assert.Equal(BlacklistStatus.Corrupt, new BlacklistStore(flash).Open());

        flash.Delete(name);
        Assert.Equal(BlacklistStatus.Corrupt, new BlacklistStore(flash).Open());
    }

    [Fact]
    public void ASnapshotRecoversACorruptStore()
    {
        var (flash, _) = Installed();
        flash.FlipBit(TableOf(flash, BlacklistKind.Account), 12, 1);
        var store = new BlacklistStore(flash);
        Assert.Equal(BlacklistStatus.Corrupt, store.Open());
        var fresh = BlacklistFixture.RandomListings(random, 1_000);

        Assert.Equal(BlacklistStatus.Ok, store.LoadSnapshot(50, BlacklistFixture.ToChanges(fresh)));

        Assert.Equal(BlacklistStatus.Ok, store.Verify());
        BlacklistUpdateTests.AssertAnswers(store, fresh, []);
        Assert.Equal(1 + 4 * 16, flash.FileNames.Count);
    }

    [Fact]
    public void AReadThatFailsOnTheDriveAnswersCorruptInsteadOfThrowing()
    {
        var (flash, listings) = Installed();
        var drive = new FailingReads(flash);
        var store = new BlacklistStore(drive);
        Assert.Equal(BlacklistStatus.Ok, store.Open());

        drive.Failing = true;

        Assert.Equal(BlacklistOutcome.Corrupt, listings.Keys.First().LookUpIn(store).Outcome);
    }

    private (SimulatedFlash Flash, Dictionary<BlacklistKey, byte> Listings) Installed()
    {
        var listings = BlacklistFixture.RandomListings(random, 5_000);
        return (BlacklistFixture.Installed(listings).Flash, listings);
    }

    private static string TableOf(SimulatedFlash flash, BlacklistKind kind) =>
        flash.FileNames.First(n => n.StartsWith($"bl.{BlacklistKinds.Tag((int)kind)}."));

    /// <summary>A drive whose reads fail with an I/O error on demand, as a worn flash or a broken file system would.</summary>
    private sealed class FailingReads(SimulatedFlash flash) : Terminal.Drivers.Hal.IStorage
    {
        public bool Failing { get; set; }

        public bool Exists(string name) => flash.Exists(name);

        public int Length(string name) => flash.Length(name);

        public int Read(string name, int position, byte[] buffer, int offset, int count) =>
            Failing ? throw new IOException("read failed") : flash.Read(name, position, buffer, offset, count);

        public void Append(string name, byte[] buffer, int offset, int count) => flash.Append(name, buffer, offset, count);

        public void Replace(string name, byte[] buffer, int offset, int count) => flash.Replace(name, buffer, offset, count);

        public void Delete(string name) => flash.Delete(name);
    }
}
