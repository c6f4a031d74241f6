using Terminal.Firmware.Journal;
using Terminal.Simulation.Flash;
using Xunit;

namespace Terminal.Tests.Journal;

/// <summary>Records, journals and read-back helpers shared by the journal tests.</summary>
public static class JournalKit
{
    /// <summary>A card tap whose content depends on <paramref name="n"/>, so that records are told apart by their bytes.</summary>
    public static TxRecord Tap(int n, TxKind kind = TxKind.CardTapAccepted)
    {
        var record = new TxRecord { Kind = kind, Timestamp = 1_764_000_000u + (uint)n, Amount = 100 + (n % 500), BalanceAfter = 5000 - n, CardCounter = n & 0xFFFF, Route = n % 4096 };
        record.SetCard([(byte)n, (byte)(n >> 8), 0xC0, 0xDE], 0, 4);
        return record;
    }

    public static TxRecord Event(int code) => new() { Kind = TxKind.TerminalEvent, EventCode = code, Timestamp = 1_764_000_000u };

    public static Firmware.Journal.Journal Opened(SimulatedFlash flash, int budgetBytes = Firmware.Journal.Journal.DefaultBudgetBytes, int recordsPerSegment = 4)
    {
        var journal = new Firmware.Journal.Journal(flash, budgetBytes, recordsPerSegment);
        Assert.Equal(JournalStatus.Ok, journal.Open());
        return journal;
    }

    /// <summary>Appends and returns the bytes the journal was given, as the backend will receive them.</summary>
    public static byte[] AppendOk(Firmware.Journal.Journal journal, TxRecord record)
    {
        var status = journal.Append(record);
        Assert.True(status is JournalStatus.Ok or JournalStatus.NearlyFull, status.ToString());
        return TxRecords.Encode(record);
    }

    /// <summary>Every record ReadBatch hands out from <paramref name="fromSequence"/>, read in small batches as the uplink does.</summary>
    public static List<byte[]> ReadAll(Firmware.Journal.Journal journal, uint fromSequence = 1, int batch = 3)
    {
        var records = new List<byte[]>();
        var buffer = new byte[batch * TxRecordCodec.Size];
        while (true)
        {
            int count = journal.ReadBatch(fromSequence, buffer, 0, batch);
            if (count == 0)
            {
                return records;
            }

            for (int i = 0; i < count; i++)
            {
                records.Add(buffer[(i * TxRecordCodec.Size)..((i + 1) * TxRecordCodec.Size)]);
            }

            fromSequence = TxRecordCodec.ReadSequence(buffer, (count - 1) * TxRecordCodec.Size) + 1;
        }
    }

    public static uint[] Sequences(IEnumerable<byte[]> records) => records.Select(r => TxRecordCodec.ReadSequence(r, 0)).ToArray();

    public static string[] SegmentFiles(SimulatedFlash flash) =>
        flash.FileNames.Where(n => n.StartsWith(JournalSegment.NamePrefix, StringComparison.Ordinal) && n != JournalStateFile.Name).ToArray();
}
