namespace Terminal.Emulator.Fleet;

/// <summary>
/// Every journaled record against every stored one, by (terminal, sequence) and byte for byte. Lost: journaled,
/// not stored. Duplicated: stored more than once. Unexpected: stored but never journaled, or with other bytes.
/// </summary>
public sealed record FleetTally(int Journaled, int Stored, int Lost, int Duplicated, int Unexpected)
{
    public bool IsExact => Lost == 0 && Duplicated == 0 && Unexpected == 0;

    public static FleetTally Compare(IReadOnlyDictionary<uint, IReadOnlyDictionary<uint, byte[]>> journaled, IReadOnlyList<StoredRecord> stored)
    {
        var seen = new HashSet<(uint, uint)>();
        var duplicated = 0;
        var unexpected = 0;
        foreach (var row in stored)
        {
            if (!seen.Add((row.TerminalId, row.Sequence)))
            {
                duplicated++;
            }
            else if (!journaled.TryGetValue(row.TerminalId, out var records) || !records.TryGetValue(row.Sequence, out var bytes) || !bytes.AsSpan().SequenceEqual(row.Record))
            {
                unexpected++;
            }
        }

        var total = journaled.Values.Sum(r => r.Count);
        var lost = journaled.Sum(bus => bus.Value.Keys.Count(sequence => !seen.Contains((bus.Key, sequence))));
        return new FleetTally(total, stored.Count, lost, duplicated, unexpected);
    }

    public override string ToString() =>
        $"tally: {Journaled:N0} records journaled, {Stored:N0} stored; lost {Lost}, duplicated {Duplicated}, unexpected {Unexpected}";
}
