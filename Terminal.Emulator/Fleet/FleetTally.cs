using Terminal.Firmware.Journal;

namespace Terminal.Emulator.Fleet;

/// <summary>
/// Every journaled record against every stored one, by (terminal, sequence) and byte for byte. Lost: journaled,
/// not stored. Duplicated: one journal record in two rows, found by the sequence its stored bytes carry, not only
/// by the table's key (which its primary key keeps unique). Mismatched: stored under a journaled key with other
/// bytes, or under a key its own bytes contradict. Unexpected: stored under a key no bus ever journaled.
/// </summary>
public sealed record FleetTally(int Journaled, int Stored, int Lost, int Duplicated, int Mismatched, int Unexpected)
{
    public bool IsExact => Lost == 0 && Duplicated == 0 && Mismatched == 0 && Unexpected == 0;

    public static FleetTally Compare(IReadOnlyDictionary<uint, IReadOnlyDictionary<uint, byte[]>> journaled, IReadOnlyList<StoredRecord> stored)
    {
        var seen = new HashSet<(uint, uint)>();
        var identities = new HashSet<(uint, uint)>();
        var duplicated = 0;
        var mismatched = 0;
        var unexpected = 0;
        foreach (var row in stored)
        {
            var own = TxRecordCodec.ReadSequence(row.Record, 0);
            if (!seen.Add((row.TerminalId, row.Sequence)) | !identities.Add((row.TerminalId, own)))
            {
                duplicated++;
            }
            else if (!journaled.TryGetValue(row.TerminalId, out var records) || !records.TryGetValue(row.Sequence, out var bytes))
            {
                unexpected++;
            }
            else if (own != row.Sequence || !bytes.AsSpan().SequenceEqual(row.Record))
            {
                mismatched++;
            }
        }

        var total = journaled.Values.Sum(r => r.Count);
        var lost = journaled.Sum(bus => bus.Value.Keys.Count(sequence => !seen.Contains((bus.Key, sequence))));
        return new FleetTally(total, stored.Count, lost, duplicated, mismatched, unexpected);
    }

    public override string ToString() =>
        $"tally: {Journaled:N0} records journaled, {Stored:N0} stored; lost {Lost}, duplicated {Duplicated}, mismatched {Mismatched}, unexpected {Unexpected}";
}
