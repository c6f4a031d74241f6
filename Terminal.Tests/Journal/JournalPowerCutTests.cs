using Terminal.Firmware.Journal;
using Terminal.Simulation.Flash;
using Xunit;
using Xunit.Abstractions;
using static Terminal.Tests.Journal.JournalKit;

namespace Terminal.Tests.Journal;

/// <summary>
/// Power is cut at every write of a journal's life and at every byte of that write; after each cut a new
/// journal over the same flash must hold every record whose append returned, hand out only whole records
/// in strictly rising order, never reissue a number that reached the flash, and leave no orphan segment.
/// </summary>
public sealed class JournalPowerCutTests(ITestOutputHelper output)
{
    private const int RecordsPerSegment = 3;

    /// <summary>25 records: nine unacknowledged records and a tap's reserve fit, and the first append after the full ack must reclaim the oldest segment.</summary>
    private const int ReclaimingBudgetBytes = (8 + 1 + Firmware.Journal.Journal.OpeningReserveRecords) * TxRecordCodec.Size;

    [Fact]
    public void EveryCutAtEveryByteOfAppendsAcksAndReclaimsKeepsTheJournalWhole()
    {
        History? history = null;
        var kinds = new HashSet<FlashWriteKind>();
        int cuts = PowerCutSweep.Run(
            () =>
            {
                history = new History();
                return Prepared(history);
            },
            flash => Work(flash, history!, firstTap: 5, ReclaimingBudgetBytes),
            (flash, write, position) =>
            {
                kinds.Add(write.Kind);
                CheckRecovered(flash, history!, write, position);
            });

        Assert.Equal([FlashWriteKind.Append, FlashWriteKind.Create, FlashWriteKind.Delete, FlashWriteKind.Move], kinds.Order());
        int appendCuts = 7 * (TxRecordCodec.Size + 1);
        // Each of the 3 replaces of the state: its copy, the rename to ".new", the rename into place; the first ack
        // finds no state to delete, the other two delete the old one.
        int stateCuts = (3 * (JournalStateFile.Size + 1 + (2 * 2))) + (2 * 2);
        int deleteCuts = 1 * 2;
        Assert.Equal(appendCuts + stateCuts + deleteCuts, cuts);
        output.WriteLine($"{{\"powerCuts\":{cuts}}}");
    }

    [Fact]
    public void ASecondCutDuringTheRecoveryOrTheWorkAfterItKeepsTheJournalWhole()
    {
        var survivors = new List<(SimulatedFlash Flash, History History)>();
        History? history = null;
        PowerCutSweep.Run(
            () =>
            {
                history = new History();
                return Prepared(history);
            },
            flash => Work(flash, history!, firstTap: 5, ReclaimingBudgetBytes),
            (flash, write, position) =>
            {
                if (position <= 1 || position >= write.Size - 1)
                {
                    survivors.Add((flash.Clone(), history!.Copy()));
                }
            });

        int cuts = 0;
        foreach (var (cutFlash, cutHistory) in survivors)
        {
            History? second = null;
            cuts += PowerCutSweep.Run(
                () =>
                {
                    second = cutHistory.Copy();
                    return cutFlash.Clone();
                },
                flash => Work(flash, second!, firstTap: 20, Firmware.Journal.Journal.DefaultBudgetBytes),
                (flash, write, position) => CheckRecovered(flash, second!, write, position),
                maxPositionsPerWrite: 6);
        }

        Assert.True(cuts > survivors.Count, $"{cuts} second cuts over {survivors.Count} first ones");
        output.WriteLine($"{{\"firstCutStates\":{survivors.Count},\"secondCuts\":{cuts}}}");
    }

    /// <summary>Four records in two segments, nothing acknowledged yet.</summary>
    private static SimulatedFlash Prepared(History history)
    {
        var flash = new SimulatedFlash();
        var journal = Opened(flash, recordsPerSegment: RecordsPerSegment);
        for (int n = 1; n <= 4; n++)
        {
            history.Appending(journal);
            history.Returned(AppendOk(journal, Tap(n)));
        }

        return flash;
    }

    /// <summary>
    /// Start-up, five appends filling two segments, an ack of everything, two more appends (under
    /// <see cref="ReclaimingBudgetBytes"/> the first of them reclaims the oldest segment), a partial ack.
    /// </summary>
    private static void Work(SimulatedFlash flash, History history, int firstTap, int budgetBytes)
    {
        var journal = new Firmware.Journal.Journal(flash, budgetBytes, RecordsPerSegment);
        Assert.Equal(JournalStatus.Ok, journal.Open());
        for (int n = firstTap; n < firstTap + 5; n++)
        {
            history.Appending(journal);
            history.Returned(AppendOk(journal, Tap(n)));
        }

        history.Acknowledged(journal, journal.LastSequence);
        for (int n = firstTap + 5; n < firstTap + 7; n++)
        {
            history.Appending(journal);
            history.Returned(AppendOk(journal, Tap(n)));
        }

        history.Acknowledged(journal, journal.LastSequence - 1);
    }

    private static void CheckRecovered(SimulatedFlash flash, History history, FlashWrite write, int position)
    {
        string where = $"cut in {write} at {position}";
        var journal = new Firmware.Journal.Journal(flash, Firmware.Journal.Journal.DefaultBudgetBytes, RecordsPerSegment);
        Assert.Equal(JournalStatus.Ok, journal.Open());
        Assert.True(journal.AcknowledgedUpTo >= history.AckReturned, where);
        Assert.True(journal.AcknowledgedUpTo <= Math.Max(history.AckReturned, history.AckInFlight), where);

        var records = ReadAll(journal, 1);
        var sequences = Sequences(records);
        Assert.True(sequences.Zip(sequences.Skip(1)).All(p => p.First < p.Second), $"{where}: not rising: {string.Join(",", sequences)}");
        var decoded = new TxRecord();
        Assert.All(records, r => Assert.Equal(RecordStatus.Ok, TxRecordCodec.Decode(r, 0, decoded)));

        var found = records.ToDictionary(r => TxRecordCodec.ReadSequence(r, 0));
        foreach (var (sequence, bytes) in history.Durable.Where(d => d.Key > journal.AcknowledgedUpTo))
        {
            Assert.True(found.TryGetValue(sequence, out var read), $"{where}: returned record {sequence} lost");
            Assert.Equal(bytes, read);
        }

        Assert.All(sequences, s => Assert.True(history.Attempted.Contains(s), $"{where}: record {s} was never appended"));

        uint highestOnFlash = history.Durable.Keys.Append(history.AckReturned).Max();
        uint torn = write.Kind == FlashWriteKind.Append && position > 0 ? history.InFlight : 0;
        history.Appending(journal);
        var next = AppendOk(journal, Tap(1000));
        history.Returned(next);
        uint issued = TxRecordCodec.ReadSequence(next, 0);
        Assert.True(issued > highestOnFlash, $"{where}: {issued} reissued");
        Assert.True(issued > torn, $"{where}: torn record's number {torn} reissued");
        Assert.Equal(JournalStatus.Ok, journal.Acknowledge(journal.LastSequence));
        Assert.Equal(journal.SegmentCount, SegmentFiles(flash).Length);
        Assert.False(journal.HasUnacknowledged, $"{where}: records left unacknowledged after acking everything");
    }

    /// <summary>What the code under test was told: appends and acks that returned, and the one in flight at the cut.</summary>
    private sealed class History
    {
        public Dictionary<uint, byte[]> Durable { get; private init; } = [];

        /// <summary>Every number an append was started with; one whose append did not return may or may not be on the flash.</summary>
        public HashSet<uint> Attempted { get; private init; } = [];

        public uint InFlight { get; private set; }

        public uint AckReturned { get; private set; }

        public uint AckInFlight { get; private set; }

        public void Appending(Firmware.Journal.Journal journal)
        {
            InFlight = journal.NextSequence;
            Attempted.Add(InFlight);
        }

        public void Returned(byte[] record)
        {
            uint sequence = TxRecordCodec.ReadSequence(record, 0);
            Assert.Equal(InFlight, sequence);
            Durable.Add(sequence, record);
            InFlight = 0;
        }

        public void Acknowledged(Firmware.Journal.Journal journal, uint upTo)
        {
            AckInFlight = upTo;
            Assert.Equal(JournalStatus.Ok, journal.Acknowledge(upTo));
            AckReturned = upTo;
        }

        public History Copy() => new()
        {
            Durable = new Dictionary<uint, byte[]>(Durable),
            Attempted = [.. Attempted],
            InFlight = InFlight,
            AckReturned = AckReturned,
            AckInFlight = AckInFlight,
        };
    }
}
