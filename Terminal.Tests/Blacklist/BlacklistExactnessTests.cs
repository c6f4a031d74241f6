using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Terminal.Firmware.Blacklist;
using Terminal.Simulation.Flash;
using Xunit;
using Xunit.Abstractions;

namespace Terminal.Tests.Blacklist;

/// <summary>The store answers exactly: every listed key with its reason, no unlisted key ever, within its budgets.</summary>
public sealed class BlacklistExactnessTests(ITestOutputHelper output)
{
    private const int MaxFlashBytes = 1_310_720;
    private const int MaxRamBytes = 8 * 1024;

    [Fact]
    public void TwoHundredThousandMixedKeysAreExactWithinTheFlashReadAndRamBudgets()
    {
        var random = new Random(200_000);
        var listings = BlacklistFixture.RandomListings(random, 200_000);
        var (flash, store) = BlacklistFixture.Installed(listings);

        Assert.Equal(200_000, store.ListedCount);
        Assert.True(flash.UsedBytes <= MaxFlashBytes, $"{flash.UsedBytes} bytes on flash");
        Assert.True(store.RamBytes <= MaxRamBytes, $"{store.RamBytes} bytes of RAM");

        var before = flash.Statistics;
        foreach (var (key, reason) in listings)
        {
            var verdict = key.LookUpIn(store);
            Assert.True(verdict.Outcome == BlacklistOutcome.Listed && verdict.Reason == reason, $"{key}: {verdict.Outcome} {verdict.Reason}, expected {reason}");
        }

        int unlisted = 0;
        for (; unlisted < 200_000; unlisted++)
        {
            var key = BlacklistFixture.Unlisted(random, BlacklistFixture.RandomKind(random), listings);
            Assert.Equal(BlacklistOutcome.NotListed, key.LookUpIn(store).Outcome);
        }

        var used = flash.Statistics - before;
        Assert.Equal(0, used.Writes);
        Assert.True(used.Reads <= 400_000, $"{used.Reads} reads for 400000 lookups");
        Assert.Equal(0, used.MetadataQueries);
        output.WriteLine($"flash {flash.UsedBytes} B ({flash.UsedBytes * 8.0 / 200_000:F1} bits/entry), RAM {store.RamBytes} B, {used.BytesRead / 400_000.0:F0} B read per lookup");
    }

    [Fact]
    public void TwoHundredThousandSevenByteUidsTakeUnderSixBytesEach()
    {
        var random = new Random(77);
        var listings = new Dictionary<BlacklistKey, byte>();
        while (listings.Count < 200_000)
        {
            listings[BlacklistKey.Random(random, BlacklistKind.Uid7)] = (byte)random.Next(1, 16);
        }

        var (flash, store) = BlacklistFixture.Installed(listings);

        double bitsPerEntry = flash.UsedBytes * 8.0 / listings.Count;
        output.WriteLine($"7-byte UIDs: {flash.UsedBytes} B, {bitsPerEntry:F1} bits/entry, RAM {store.RamBytes} B");
        Assert.InRange(bitsPerEntry, 40.0, 46.0);
        Assert.True(store.RamBytes <= MaxRamBytes, $"{store.RamBytes} bytes of RAM");
    }

    [Property(MaxTest = 40)]
    public Property RandomSetsFindEveryMemberAndNoNeighbour(PositiveInt seed, PositiveInt size)
    {
        var random = new Random(seed.Get);
        var listings = BlacklistFixture.RandomListings(random, 1 + size.Get % 3000);
        var (_, store) = BlacklistFixture.Installed(listings);

        foreach (var (key, reason) in listings)
        {
            var verdict = key.LookUpIn(store);
            if (verdict.Outcome != BlacklistOutcome.Listed || verdict.Reason != reason)
            {
                return false.Label($"member {key} answered {verdict.Outcome}/{verdict.Reason}");
            }

            var neighbour = key.WithBitFlipped(random.Next(key.Bytes.Length * 8));
            if (!listings.ContainsKey(neighbour) && neighbour.LookUpIn(store).Outcome != BlacklistOutcome.NotListed)
            {
                return false.Label($"one-bit neighbour {neighbour} of {key} was found");
            }
        }

        return true.ToProperty();
    }

    [Fact]
    public void EveryOneBitNeighbourOfEveryMemberIsNotListed()
    {
        var random = new Random(7);
        var listings = BlacklistFixture.RandomListings(random, 2_000);
        var (_, store) = BlacklistFixture.Installed(listings);

        int checkedNeighbours = 0;
        foreach (var key in listings.Keys)
        {
            for (int bit = 0; bit < key.Bytes.Length * 8; bit++)
            {
                var neighbour = key.WithBitFlipped(bit);
                if (!listings.ContainsKey(neighbour))
                {
                    Assert.Equal(BlacklistOutcome.NotListed, neighbour.LookUpIn(store).Outcome);
                    checkedNeighbours++;
                }
            }
        }

        Assert.True(checkedNeighbours > 100_000);
    }

    [Fact]
    public void UidsOfDifferentLengthsSharingAPrefixAreDifferentKeys()
    {
        byte[] ten = [0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99];
        var listings = new Dictionary<BlacklistKey, byte> { [BlacklistKey.Of(BlacklistKind.Uid7, ten[..7])] = 3 };
        var (_, store) = BlacklistFixture.Installed(listings);

        Assert.Equal(BlacklistOutcome.Listed, store.LookupCard(ten, 0, 7).Outcome);
        Assert.Equal(BlacklistOutcome.NotListed, store.LookupCard(ten, 0, 4).Outcome);
        Assert.Equal(BlacklistOutcome.NotListed, store.LookupCard(ten, 0, 10).Outcome);
        Assert.Equal(BlacklistOutcome.NotListed, store.LookupAccount([.. ten[..7], 0], 0).Outcome);
        Assert.Equal(BlacklistOutcome.Listed, store.LookupCard([0xFF, .. ten[..7]], 1, 7).Outcome);
    }

    [Fact]
    public void KeysWithoutABlacklistKindAreInvalid()
    {
        var (_, store) = BlacklistFixture.Installed(new Dictionary<BlacklistKey, byte>());

        Assert.Equal(BlacklistOutcome.InvalidKey, store.LookupCard(new byte[5], 0, 5).Outcome);
        Assert.Equal(BlacklistOutcome.InvalidKey, store.LookupCard(new byte[7], 2, 7).Outcome);
        Assert.Equal(BlacklistOutcome.InvalidKey, store.LookupAccount(new byte[7], 0).Outcome);
        Assert.Equal(BlacklistOutcome.NotListed, store.LookupAccount(new byte[8], 0).Outcome);
    }

    [Fact]
    public void ALookupReadsAtMostTwoPagesAndAllocatesNothing()
    {
        var random = new Random(3);
        var listings = BlacklistFixture.RandomListings(random, 20_000);
        var (flash, store) = BlacklistFixture.Installed(listings);
        var delta = new Dictionary<BlacklistKey, byte> { [BlacklistFixture.Unlisted(random, BlacklistKind.Uid7, listings)] = 9 };
        Assert.Equal(BlacklistStatus.Ok, store.ApplyDelta(1, BlacklistFixture.ToChanges(delta)));
        var keys = listings.Keys.Take(500).Concat(Enumerable.Range(0, 500).Select(_ => BlacklistFixture.Unlisted(random, BlacklistKind.Uid7, listings)))
            .Select(k => (k.Kind, Bytes: k.Bytes)).ToArray();

        foreach (var (kind, bytes) in keys)
        {
            var before = flash.Statistics;
            store.Lookup(kind, bytes, 0);
            var used = flash.Statistics - before;
            Assert.InRange(used.Reads, 1, kind == BlacklistKind.Uid7 ? 2 : 1);
            Assert.InRange(used.BytesRead, 1, 2 * 2048);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread();
        foreach (var (kind, bytes) in keys)
        {
            store.Lookup(kind, bytes, 0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }
}
