using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Terminal.Firmware.Loads;
using Terminal.Simulation.Flash;
using Xunit;

namespace Terminal.Tests.Loads;

/// <summary>The terminal's pending-load list on simulated flash: versions, deltas, one page read per lookup, power cuts.</summary>
public sealed class PendingLoadListTests
{
    private static readonly byte[] CardA = [0x04, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60];
    private static readonly byte[] CardB = [0x1A, 0x01, 0x02, 0x03];

    [Fact]
    public void ASnapshotAnswersEachCardsLoadAndNothingForOthers()
    {
        var list = new PendingLoadList(new SimulatedFlash());
        Assert.Equal(PendingLoadStatus.Ok, list.LoadSnapshot(3, Changes((CardA, 2, 1000), (CardB, 1, 550))));

        Assert.Equal((true, 2, 1000), Find(list, CardA));
        Assert.Equal((true, 1, 550), Find(list, CardB));
        Assert.Equal((false, 0, 0), Find(list, [0x04, 0x10, 0x20, 0x30, 0x40, 0x50, 0x61]));
        Assert.Equal(3u, list.Version);
        Assert.Equal(2, list.Count);
    }

    [Fact]
    public void ADeltaReplacesAddsAndRemovesAndSurvivesARestart()
    {
        var flash = new SimulatedFlash();
        var list = new PendingLoadList(flash);
        list.LoadSnapshot(1, Changes((CardA, 1, 1000)));
        var delta = Changes((CardA, 2, 300), (CardB, 1, 700));
        Assert.Equal(PendingLoadStatus.Ok, list.ApplyDelta(1, delta));
        var removal = new PendingLoadChanges();
        removal.Remove(CardB, 0, CardB.Length);
        Assert.Equal(PendingLoadStatus.Ok, list.ApplyDelta(2, removal));

        var reopened = new PendingLoadList(flash);
        Assert.Equal(PendingLoadStatus.Ok, reopened.Open());
        Assert.Equal(3u, reopened.Version);
        Assert.Equal((true, 2, 300), Find(reopened, CardA));
        Assert.Equal((false, 0, 0), Find(reopened, CardB));
    }

    [Fact]
    public void ADeltaOnAnotherVersionOrWithABadEntryIsRefusedAndChangesNothing()
    {
        var list = new PendingLoadList(new SimulatedFlash());
        Assert.Equal(PendingLoadStatus.WrongBaseVersion, list.ApplyDelta(0, Changes((CardA, 1, 100))));
        list.LoadSnapshot(5, Changes((CardA, 1, 100)));
        Assert.Equal(PendingLoadStatus.WrongBaseVersion, list.ApplyDelta(4, Changes((CardB, 1, 100))));
        Assert.Equal(PendingLoadStatus.InvalidEntry, list.ApplyDelta(5, Changes(([1, 2, 3], 1, 100))));
        Assert.Equal(PendingLoadStatus.InvalidEntry, list.LoadSnapshot(6, Changes((CardA, 1, 100), (CardA, 2, 100))));
        Assert.Equal(PendingLoadStatus.InvalidEntry, list.LoadSnapshot(6, Changes((CardA, 1, 0))));

        Assert.Equal(5u, list.Version);
        Assert.Equal((true, 1, 100), Find(list, CardA));
        Assert.Equal((false, 0, 0), Find(list, CardB));
    }

    [Fact]
    public void ALookupReadsOnePageOfFlashAmongThousandsOfLoads()
    {
        var flash = new SimulatedFlash();
        var list = new PendingLoadList(flash);
        var cards = Enumerable.Range(0, 5000).Select(i => new byte[] { 0x04, (byte)(i >> 16), (byte)(i >> 8), (byte)i, 0x77, 0x88, 0x99 }).ToArray();
        var entries = new PendingLoadChanges();
        foreach (var card in cards)
        {
            entries.Add(card, 0, card.Length, 1, 500 + card[3]);
        }

        Assert.Equal(PendingLoadStatus.Ok, list.LoadSnapshot(1, entries));
        foreach (var card in cards.Where((_, i) => i % 97 == 0).Append(new byte[] { 0x04, 9, 9, 9, 9, 9, 9 }))
        {
            var before = flash.Statistics;
            var found = Find(list, card);
            var cost = flash.Statistics - before;
            Assert.Equal(1, cost.Reads);
            Assert.True(cost.BytesRead <= PendingLoadList.PageBytes);
            Assert.Equal(card[1] != 9, found.Found);
        }
    }

    [Fact]
    public void AFlippedBitOnFlashMakesTheListCorruptAndFindNothing()
    {
        var flash = new SimulatedFlash();
        new PendingLoadList(flash).LoadSnapshot(1, Changes((CardA, 1, 100)));
        flash.FlipBit(PendingLoadList.FileName, PendingLoadList.HeaderBytes + 3, 2);

        var reopened = new PendingLoadList(flash);
        Assert.Equal(PendingLoadStatus.Corrupt, reopened.Open());
        Assert.Equal((false, 0, 0), Find(reopened, CardA));
        Assert.Equal(0u, reopened.Version);
    }

    [Fact]
    public void APowerCutAtAnyByteOfAnUpdateLeavesTheOldVersionOrTheNew()
    {
        for (var position = 0; position < PendingLoadList.HeaderBytes + (2 * PendingLoadList.EntryBytes); position += 3)
        {
            var flash = new SimulatedFlash();
            var list = new PendingLoadList(flash);
            list.LoadSnapshot(1, Changes((CardA, 1, 100)));
            flash.ArmPowerCut(0, position);
            Assert.Throws<PowerCutException>(() => list.ApplyDelta(1, Changes((CardB, 1, 200))));
            flash.PowerOn();

            var reopened = new PendingLoadList(flash);
            Assert.Equal(PendingLoadStatus.Ok, reopened.Open());
            Assert.True(reopened.Version is 1 or 2, $"cut at byte {position}: version {reopened.Version}");
            Assert.Equal((true, 1, 100), Find(reopened, CardA));
            Assert.Equal(reopened.Version == 2, Find(reopened, CardB).Found);
        }
    }

    [Property(MaxTest = 60)]
    public Property AnySequenceOfDeltasLeavesWhatAMapOfCardsWouldHold() =>
        Prop.ForAll(Steps().ToArbitrary(), steps =>
        {
            var list = new PendingLoadList(new SimulatedFlash());
            list.LoadSnapshot(1, new PendingLoadChanges());
            var model = new Dictionary<int, (int Number, int Amount)>();
            uint version = 1;
            foreach (var step in steps)
            {
                var changes = new PendingLoadChanges();
                foreach (var (card, number, amount) in step)
                {
                    changes.Add(Card(card), 0, 7, number, amount);
                    if (amount == 0)
                    {
                        model.Remove(card);
                    }
                    else
                    {
                        model[card] = (number, amount);
                    }
                }

                if (list.ApplyDelta(version++, changes) != PendingLoadStatus.Ok)
                {
                    return false;
                }
            }

            return list.Count == model.Count && Enumerable.Range(0, 40).All(card =>
            {
                var found = Find(list, Card(card));
                return model.TryGetValue(card, out var load) ? found == (true, load.Number, load.Amount) : !found.Found;
            });
        });

    private static Gen<(int Card, int Number, int Amount)[][]> Steps() =>
        Gen.ArrayOf(Gen.ArrayOf(
            from card in Gen.Choose(0, 39)
            from number in Gen.Choose(1, 0xFFFF)
            from amount in Gen.OneOf(Gen.Constant(0), Gen.Choose(1, 0xFFFF))
            select (card, number, amount)));

    private static byte[] Card(int n) => [0x04, 0xC0, (byte)(n * 37), (byte)n, 0x01, 0x02, 0x03];

    private static PendingLoadChanges Changes(params (byte[] Uid, int Number, int Amount)[] loads)
    {
        var changes = new PendingLoadChanges();
        foreach (var (uid, number, amount) in loads)
        {
            changes.Add(uid, 0, uid.Length, number, amount);
        }

        return changes;
    }

    private static (bool Found, int Number, int Amount) Find(PendingLoadList list, byte[] uid)
    {
        var load = new PendingLoad();
        list.Lookup(uid, 0, uid.Length, load);
        return (load.Found, load.Number, load.Amount);
    }
}
