using Terminal.Firmware.Journal;
using Terminal.Simulation.Flash;
using Xunit;
using static Terminal.Tests.Journal.JournalKit;

namespace Terminal.Tests.Journal;

public sealed class JournalTests
{
    [Fact]
    public void AppendsNumberFromOneAndReadsBackTheSameBytes()
    {
        var journal = Opened(new SimulatedFlash());
        Assert.Equal(1u, journal.NextSequence);
        Assert.False(journal.HasUnacknowledged);

        var written = Enumerable.Range(1, 10).Select(n => AppendOk(journal, Tap(n))).ToList();

        Assert.Equal(Enumerable.Range(1, 10).Select(n => (uint)n), Sequences(written));
        Assert.Equal(written, ReadAll(journal));
        Assert.Equal(10u, journal.LastSequence);
        Assert.True(journal.HasUnacknowledged);
        Assert.Equal(10 * TxRecordCodec.Size, journal.UsedBytes);
    }

    [Fact]
    public void ARebootedJournalKeepsItsRecordsAndContinuesTheNumbering()
    {
        var flash = new SimulatedFlash();
        var first = Opened(flash);
        var written = Enumerable.Range(1, 6).Select(n => AppendOk(first, Tap(n))).ToList();

        var second = Opened(flash);
        Assert.Equal(written, ReadAll(second));
        Assert.Equal(7u, second.NextSequence);
        written.Add(AppendOk(second, Tap(7)));
        Assert.Equal(written, ReadAll(Opened(flash)));
        Assert.Equal(["journal.1", "journal.2"], SegmentFiles(flash));
    }

    [Fact]
    public void ReadBatchStartsAtTheAskedSequenceAndStopsAtTheLimitAcrossSegments()
    {
        var journal = Opened(new SimulatedFlash(), recordsPerSegment: 4);
        var written = Enumerable.Range(1, 10).Select(n => AppendOk(journal, Tap(n))).ToList();
        var buffer = new byte[BatchCodec.LengthFor(5)];

        int count = journal.ReadBatch(3, buffer, BatchCodec.HeaderSize, 5);

        Assert.Equal(5, count);
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(written[2 + i], buffer[BatchCodec.RecordOffset(0, i)..BatchCodec.RecordOffset(0, i + 1)]);
        }

        var header = new BatchHeader();
        Assert.Equal(WireStatus.Ok, BatchCodec.Seal(buffer, 0, 42, count, header));
        Assert.Equal((3u, 7u), (header.FirstSequence, header.LastSequence));
        Assert.Equal(0, journal.ReadBatch(11, buffer, 0, 5));
        Assert.Equal(0, journal.ReadBatch(1, new byte[31], 0, 1));
    }

    [Fact]
    public void AckedRecordsStayUntilAnAppendNeedsTheirRoomAndOnlyWholeAckedSegmentsGo()
    {
        var flash = new SimulatedFlash();
        var journal = Opened(flash, budgetBytes: 24 * TxRecordCodec.Size, recordsPerSegment: 4);
        Enumerable.Range(1, 7).ToList().ForEach(n => AppendOk(journal, Tap(n)));

        Assert.Equal(JournalStatus.Ok, journal.Acknowledge(4));
        Assert.Equal(["journal.1", "journal.2"], SegmentFiles(flash));
        Assert.Equal(4 * TxRecordCodec.Size, journal.ReclaimableBytes);
        Assert.Equal([1u, 2, 3, 4, 5, 6, 7], Sequences(ReadAll(journal, 1)));

        AppendOk(journal, Tap(8));
        Assert.Equal(["journal.1", "journal.2"], SegmentFiles(flash));

        AppendOk(journal, Tap(9));
        Assert.Equal(["journal.2", "journal.3"], SegmentFiles(flash));
        Assert.Equal([5u, 6, 7, 8, 9], Sequences(ReadAll(journal, 1)));
        Assert.Equal(0, journal.ReclaimableBytes);
    }

    [Fact]
    public void TheAckSurvivesARebootAndOldOrFutureAcksChangeNothing()
    {
        var flash = new SimulatedFlash();
        var journal = Opened(flash, recordsPerSegment: 4);
        Enumerable.Range(1, 10).ToList().ForEach(n => AppendOk(journal, Tap(n)));
        Assert.Equal(JournalStatus.Ok, journal.Acknowledge(6));

        var rebooted = Opened(flash, recordsPerSegment: 4);
        Assert.Equal(6u, rebooted.AcknowledgedUpTo);
        Assert.Equal([7u, 8, 9, 10], Sequences(ReadAll(rebooted, rebooted.AcknowledgedUpTo + 1)));

        var writesBefore = flash.Statistics.Writes;
        Assert.Equal(JournalStatus.Ok, rebooted.Acknowledge(5));
        Assert.Equal(JournalStatus.AckBeyondEnd, rebooted.Acknowledge(11));
        Assert.Equal(writesBefore, flash.Statistics.Writes);
        Assert.Equal(6u, rebooted.AcknowledgedUpTo);
    }

    [Fact]
    public void NumbersOfReclaimedSegmentsAreNeverIssuedAgain()
    {
        var flash = new SimulatedFlash();
        const int budget = 20 * TxRecordCodec.Size;
        var journal = Opened(flash, budget, recordsPerSegment: 2);
        Enumerable.Range(1, 3).ToList().ForEach(n => AppendOk(journal, Tap(n)));
        Assert.Equal(JournalStatus.Ok, journal.Acknowledge(3));
        Enumerable.Range(4, 2).ToList().ForEach(n => AppendOk(journal, Tap(n)));
        Assert.Equal(["journal.2", "journal.3"], SegmentFiles(flash));

        var rebooted = Opened(flash, budget, recordsPerSegment: 2);
        Assert.Equal(6u, rebooted.NextSequence);
        Assert.Equal(3u, rebooted.OldestRetainedSequence);
        Assert.Equal([3u, 4, 5], Sequences(ReadAll(rebooted)));
    }

    [Fact]
    public void AMissingSegmentFileDoesNotEndTheScanAndTheNumberingContinuesAfterTheLastRecord()
    {
        var flash = new SimulatedFlash();
        var journal = Opened(flash);
        var written = Enumerable.Range(1, 10).Select(n => AppendOk(journal, Tap(n))).ToList();
        Assert.Equal(["journal.1", "journal.2", "journal.3"], SegmentFiles(flash).Order(StringComparer.Ordinal));
        flash.Delete("journal.2");

        var rebooted = Opened(flash);
        Assert.Equal(11u, rebooted.NextSequence);
        Assert.Equal([.. written[..4], .. written[8..]], ReadAll(rebooted));
        AppendOk(rebooted, Tap(11));
        Assert.Equal([1u, 2u, 3u, 4u, 9u, 10u, 11u], Sequences(ReadAll(Opened(flash))));
    }

    [Fact]
    public void ATornTailIsIgnoredItsNumberIsSpentAndTheNextAppendStartsANewSegment()
    {
        var flash = new SimulatedFlash();
        var journal = Opened(flash);
        var written = Enumerable.Range(1, 2).Select(n => AppendOk(journal, Tap(n))).ToList();
        flash.ArmPowerCut(0, 13);
        Assert.Throws<PowerCutException>(() => journal.Append(Tap(3)));
        flash.PowerOn();

        var rebooted = Opened(flash);
        Assert.Equal(written, ReadAll(rebooted));
        Assert.Equal(4u, rebooted.NextSequence);
        written.Add(AppendOk(rebooted, Tap(4)));
        Assert.Equal(["journal.1", "journal.2"], SegmentFiles(flash));
        Assert.Equal(2 * TxRecordCodec.Size + 13, flash.Length("journal.1"));
        Assert.Equal(written, ReadAll(Opened(flash)));
    }

    [Fact]
    public void ACorruptedRecordIsSkippedAndTheOthersStayReadable()
    {
        var flash = new SimulatedFlash();
        var journal = Opened(flash, recordsPerSegment: 8);
        var written = Enumerable.Range(1, 5).Select(n => AppendOk(journal, Tap(n))).ToList();
        flash.FlipBit("journal.1", (2 * TxRecordCodec.Size) + 7, 3);

        var rebooted = Opened(flash, recordsPerSegment: 8);
        Assert.Equal([1u, 2, 4, 5], Sequences(ReadAll(rebooted)));
        Assert.Equal(6u, AppendAndGetSequence(rebooted, Tap(6)));
        Assert.Equal([1u, 2, 4, 5, 6], Sequences(ReadAll(rebooted)));
        Assert.Equal(written[3], ReadAll(rebooted)[2]);
    }

    [Fact]
    public void ADamagedLastRecordClosesItsSegmentAndSpendsItsNumber()
    {
        var flash = new SimulatedFlash();
        var journal = Opened(flash, recordsPerSegment: 8);
        Enumerable.Range(1, 3).ToList().ForEach(n => AppendOk(journal, Tap(n)));
        flash.FlipBit("journal.1", (2 * TxRecordCodec.Size) + 30, 5);

        var rebooted = Opened(flash, recordsPerSegment: 8);
        Assert.Equal([1u, 2], Sequences(ReadAll(rebooted)));
        Assert.Equal(4u, AppendAndGetSequence(rebooted, Tap(4)));
        Assert.Equal(["journal.1", "journal.2"], SegmentFiles(flash));
        Assert.Equal([1u, 2, 4], Sequences(ReadAll(Opened(flash, recordsPerSegment: 8))));
    }

    [Fact]
    public void ARecordDamagedAfterOpenIsNotHandedOut()
    {
        var flash = new SimulatedFlash();
        var journal = Opened(flash);
        Enumerable.Range(1, 3).ToList().ForEach(n => AppendOk(journal, Tap(n)));
        flash.FlipBit("journal.1", TxRecordCodec.Size, 0);
        Assert.Equal([1u, 3], Sequences(ReadAll(journal)));
    }

    [Fact]
    public void ADamagedStateFileStopsTheJournalRatherThanRiskReusedNumbers()
    {
        var flash = new SimulatedFlash();
        var journal = Opened(flash, recordsPerSegment: 2);
        Enumerable.Range(1, 3).ToList().ForEach(n => AppendOk(journal, Tap(n)));
        Assert.Equal(JournalStatus.Ok, journal.Acknowledge(2));
        flash.FlipBit(JournalStateFile.Name, 9, 1);

        var rebooted = new Firmware.Journal.Journal(flash, Firmware.Journal.Journal.DefaultBudgetBytes, 2);
        Assert.Equal(JournalStatus.StateCorrupt, rebooted.Open());
        Assert.Equal(JournalStatus.StateCorrupt, rebooted.Append(Tap(4)));
        Assert.Equal(JournalStatus.StateCorrupt, rebooted.Acknowledge(3));
        Assert.Equal(0, rebooted.ReadBatch(1, new byte[64], 0, 2));
    }

    [Fact]
    public void NothingWorksBeforeOpen()
    {
        var journal = new Firmware.Journal.Journal(new SimulatedFlash());
        Assert.Equal(JournalStatus.NotOpen, journal.Append(Tap(1)));
        Assert.Equal(JournalStatus.NotOpen, journal.Acknowledge(1));
        Assert.Equal(0, journal.ReadBatch(1, new byte[32], 0, 1));
    }

    [Fact]
    public void AnInvalidRecordIsRefusedWithoutSpendingANumber()
    {
        var flash = new SimulatedFlash();
        var journal = Opened(flash);
        var bad = Tap(1);
        bad.Amount = 70_000;
        bad.Sequence = 99;

        Assert.Equal(JournalStatus.InvalidRecord, journal.Append(bad));
        Assert.Equal(99u, bad.Sequence);
        Assert.Equal(0, flash.Statistics.Writes);
        Assert.Equal(1u, AppendAndGetSequence(journal, Tap(2)));
    }

    [Fact]
    public void AStorageErrorSpendsTheNumberAndTheJournalCarriesOn()
    {
        var flash = new SimulatedFlash(capacity: 3 * TxRecordCodec.Size);
        var journal = Opened(flash);
        var written = Enumerable.Range(1, 3).Select(n => AppendOk(journal, Tap(n))).ToList();

        var refused = Tap(4);
        Assert.Equal(JournalStatus.StorageError, journal.Append(refused));
        Assert.Equal(0u, refused.Sequence);
        Assert.Equal(5u, journal.NextSequence);
        Assert.Equal(written, ReadAll(journal));
        Assert.Equal(written, ReadAll(Opened(flash)));
    }

    [Fact]
    public void AppendAllocatesNothingWithinASegment()
    {
        var journal = new Firmware.Journal.Journal(new NullStorage(), Firmware.Journal.Journal.DefaultBudgetBytes, 512);
        Assert.Equal(JournalStatus.Ok, journal.Open());
        var record = Tap(1);
        journal.Append(record);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 500; i++)
        {
            journal.Append(record);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(502u, journal.NextSequence);
    }

    private static uint AppendAndGetSequence(Firmware.Journal.Journal journal, TxRecord record)
    {
        AppendOk(journal, record);
        return record.Sequence;
    }

    /// <summary>Storage that keeps nothing, so that only the journal's own allocations are measured.</summary>
    private sealed class NullStorage : Terminal.Drivers.Hal.IStorage
    {
        public bool Exists(string name) => false;

        public int Length(string name) => -1;

        public int Read(string name, int position, byte[] buffer, int offset, int count) => 0;

        public void Append(string name, byte[] buffer, int offset, int count)
        {
        }

        public void Replace(string name, byte[] buffer, int offset, int count)
        {
        }

        public void Delete(string name)
        {
        }
    }
}
