using Terminal.Firmware.Journal;
using Terminal.Simulation.Flash;
using Terminal.Tests.Flash;
using Xunit;
using static Terminal.Tests.Journal.JournalKit;

namespace Terminal.Tests.Journal;

/// <summary>A rewind makes acknowledged records unacknowledged again, durably, as far back as the flash still holds them.</summary>
public sealed class JournalRewindTests
{
    [Fact]
    public void ARewindHandsAcknowledgedRecordsOutAgainAndSurvivesAReboot()
    {
        var flash = new SimulatedFlash();
        var journal = Opened(flash);
        var written = Enumerable.Range(1, 10).Select(n => AppendOk(journal, Tap(n))).ToList();
        Assert.Equal(JournalStatus.Ok, journal.Acknowledge(10));

        Assert.Equal(JournalStatus.Ok, journal.Rewind(6));
        Assert.Equal(5u, journal.AcknowledgedUpTo);
        Assert.True(journal.HasUnacknowledged);
        Assert.Equal(1, journal.Rewinds);

        var rebooted = Opened(flash);
        Assert.Equal(5u, rebooted.AcknowledgedUpTo);
        Assert.Equal(written.Skip(5), ReadAll(rebooted, rebooted.AcknowledgedUpTo + 1));
        Assert.Equal(11u, rebooted.NextSequence);
    }

    [Fact]
    public void ARewindToRecordsNotAcknowledgedChangesNothing()
    {
        var journal = Opened(new SimulatedFlash());
        Enumerable.Range(1, 5).ToList().ForEach(n => AppendOk(journal, Tap(n)));
        Assert.Equal(JournalStatus.Ok, journal.Acknowledge(2));

        Assert.Equal(JournalStatus.Ok, journal.Rewind(4));
        Assert.Equal(2u, journal.AcknowledgedUpTo);
        Assert.Equal(0, journal.Rewinds);
    }

    [Fact]
    public void ARewindPastReclaimedRecordsStopsAtTheOldestKept()
    {
        var flash = new SimulatedFlash();
        var journal = Opened(flash, 20 * Firmware.Journal.TxRecordCodec.Size, recordsPerSegment: 2);
        Enumerable.Range(1, 3).ToList().ForEach(n => AppendOk(journal, Tap(n)));
        Assert.Equal(JournalStatus.Ok, journal.Acknowledge(3));
        Enumerable.Range(4, 2).ToList().ForEach(n => AppendOk(journal, Tap(n)));
        Assert.Equal(JournalStatus.Ok, journal.Acknowledge(5));

        Assert.Equal(JournalStatus.RewindBeyondRetained, journal.Rewind(1));
        Assert.Equal(2u, journal.AcknowledgedUpTo);
        Assert.Equal([3u, 4, 5], Sequences(ReadAll(journal, 3)));
    }

    [Fact]
    public void APowerCutAtEveryByteOfARewindLeavesTheOldOrTheRewoundAck()
    {
        var outcomes = new HashSet<uint>();
        int cuts = PowerCutSweep.Run(
            () =>
            {
                var flash = new SimulatedFlash();
                var journal = Opened(flash);
                Enumerable.Range(1, 8).ToList().ForEach(n => AppendOk(journal, Tap(n)));
                Assert.Equal(JournalStatus.Ok, journal.Acknowledge(8));
                return flash;
            },
            flash => Opened(flash).Rewind(3),
            (flash, write, position) =>
            {
                var rebooted = Opened(flash);
                Assert.Equal(ReplaceCut.Committed(write, position) ? 2u : 8u, rebooted.AcknowledgedUpTo);
                Assert.Equal(9u, rebooted.NextSequence);
                Assert.Equal(8, ReadAll(rebooted, 1).Count);
                outcomes.Add(rebooted.AcknowledgedUpTo);
            });

        Assert.Equal(JournalStateFile.Size + 1 + (3 * 2), cuts);
        Assert.Equal([2u, 8u], outcomes.Order());
    }
}
