using System.Diagnostics;
using Terminal.Firmware.Journal;
using Terminal.Simulation.Flash;
using Xunit;
using Xunit.Abstractions;
using static Terminal.Tests.Journal.JournalKit;

namespace Terminal.Tests.Journal;

public sealed class JournalCapacityTests(ITestOutputHelper output)
{
    private const int Slots = 40;
    private const int Budget = Slots * TxRecordCodec.Size;

    [Fact]
    public void TwentyOfflineDaysOfABusyBusFitTheDefaultBudgetAndWarnAtNinetyPercent()
    {
        var flash = new SimulatedFlash();
        var journal = new Firmware.Journal.Journal(flash);
        Assert.Equal(JournalStatus.Ok, journal.Open());
        var record = Tap(1);
        int firstWarning = -1;
        for (int n = 1; n <= 20 * 2000; n++)
        {
            var status = journal.Append(record);
            Assert.True(status is JournalStatus.Ok or JournalStatus.NearlyFull, $"tap {n}: {status}");
            if (status == JournalStatus.NearlyFull && firstWarning < 0)
            {
                firstWarning = n;
            }
        }

        Assert.Equal(40_000 * TxRecordCodec.Size, journal.UsedBytes);
        Assert.True(journal.UsedBytes <= 1.25 * 1024 * 1024);
        Assert.Equal((int)Math.Ceiling(0.9 * Firmware.Journal.Journal.DefaultBudgetBytes / TxRecordCodec.Size), firstWarning);

        var before = flash.Statistics;
        var clock = Stopwatch.StartNew();
        var rebooted = new Firmware.Journal.Journal(flash);
        Assert.Equal(JournalStatus.NearlyFull, rebooted.Open());
        clock.Stop();
        var recovery = flash.Statistics - before;
        Assert.Equal(40_001u, rebooted.NextSequence);
        Assert.True(recovery.Reads <= 2 * rebooted.SegmentCount, $"{recovery.Reads} reads to recover {rebooted.SegmentCount} segments");
        output.WriteLine($"{{\"recoveryRecords\":40000,\"segments\":{rebooted.SegmentCount},\"reads\":{recovery.Reads},\"bytesRead\":{recovery.BytesRead},\"metadataQueries\":{recovery.MetadataQueries},\"hostMilliseconds\":{clock.Elapsed.TotalMilliseconds:F1}}}");
    }

    [Fact]
    public void WhenFullTapsAreRefusedFirstThenEventsAndClosingRecordsMayUseTheLastSlots()
    {
        var flash = new SimulatedFlash();
        var journal = Opened(flash, Budget, recordsPerSegment: 8);
        int opening = Slots - Firmware.Journal.Journal.OpeningReserveRecords;
        for (int n = 1; n <= opening; n++)
        {
            AppendOk(journal, Tap(n));
        }

        var writes = flash.Statistics.Writes;
        Assert.Equal(JournalStatus.Full, journal.Append(Tap(99)));
        Assert.Equal(JournalStatus.Full, journal.Append(Tap(99, TxKind.TopUp)));
        Assert.Equal(JournalStatus.Full, journal.Append(Refusal(99)));
        var qr = new TxRecord { Kind = TxKind.QrAccepted, Amount = 1 };
        qr.SetQr(1, 1);
        Assert.Equal(JournalStatus.Full, journal.Append(qr));
        Assert.Equal(writes, flash.Statistics.Writes);

        int events = Firmware.Journal.Journal.OpeningReserveRecords - Firmware.Journal.Journal.EventReserveRecords;
        for (int n = 0; n < events; n++)
        {
            AppendOk(journal, Event((int)TerminalEventCode.JournalFull));
        }

        Assert.Equal(JournalStatus.Full, journal.Append(Event((int)TerminalEventCode.JournalFull)));
        AppendOk(journal, Tap(7, TxKind.CardWriteCompleted));
        AppendOk(journal, Tap(8, TxKind.CardWriteAbandoned));
        Assert.Equal(JournalStatus.Full, journal.Append(Tap(9, TxKind.CardWriteCompleted)));

        Assert.Equal(Budget, journal.UsedBytes);
        Assert.Equal(Enumerable.Range(1, Slots).Select(n => (uint)n), Sequences(ReadAll(journal)));
    }

    [Fact]
    public void OnlyReclaimedSegmentsMakeRoomForTapsAgain()
    {
        var journal = Opened(new SimulatedFlash(), Budget, recordsPerSegment: 8);
        int opening = Slots - Firmware.Journal.Journal.OpeningReserveRecords;
        for (int n = 1; n <= opening; n++)
        {
            AppendOk(journal, Tap(n));
        }

        Assert.Equal(JournalStatus.Full, journal.Append(Tap(99)));
        Assert.Equal(JournalStatus.Ok, journal.Acknowledge(6));
        Assert.Equal(JournalStatus.Full, journal.Append(Tap(99)));
        Assert.Equal(JournalStatus.Ok, journal.Acknowledge(10));
        Assert.Equal(16 * TxRecordCodec.Size, journal.UsedBytes - journal.ReclaimableBytes);
        Assert.Equal((uint)opening + 1, AppendOkSequence(journal, Tap(25)));
    }

    [Fact]
    public void NearlyFullIsReportedFromNinetyPercentOnAndAfterARebootToo()
    {
        var flash = new SimulatedFlash();
        var journal = Opened(flash, Budget * 10, recordsPerSegment: 64);
        var statuses = Enumerable.Range(1, 370).Select(n => journal.Append(Tap(n))).ToList();

        Assert.All(statuses.Take(359), s => Assert.Equal(JournalStatus.Ok, s));
        Assert.All(statuses.Skip(359), s => Assert.Equal(JournalStatus.NearlyFull, s));
        Assert.True(journal.IsNearlyFull);
        Assert.Equal(JournalStatus.NearlyFull, new Firmware.Journal.Journal(flash, Budget * 10, 64).Open());
    }

    private static TxRecord Refusal(int n)
    {
        var record = Tap(n, TxKind.Refusal);
        record.Amount = 0;
        record.Reason = (int)RefusalCode.Blacklisted;
        return record;
    }

    private static uint AppendOkSequence(Firmware.Journal.Journal journal, TxRecord record)
    {
        AppendOk(journal, record);
        return record.Sequence;
    }
}
