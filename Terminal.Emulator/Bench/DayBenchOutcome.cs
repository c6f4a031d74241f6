namespace Terminal.Emulator.Bench;

/// <summary>
/// What one terminal of `bench day` did, as its process hands it back to the parent: every acknowledged batch, the
/// resends, and every record its journal held (sequence to bytes), for the tally against the database.
/// </summary>
public sealed record DayBenchOutcome(uint TerminalId, int BatchesSent, int Resends, IReadOnlyList<AckSample> Acks, IReadOnlyDictionary<uint, byte[]> Records)
{
    public static void WriteAll(string path, IEnumerable<DayBenchOutcome> outcomes)
    {
        using var writer = new BinaryWriter(File.Create(path));
        foreach (var outcome in outcomes)
        {
            writer.Write(outcome.TerminalId);
            writer.Write(outcome.BatchesSent);
            writer.Write(outcome.Resends);
            writer.Write(outcome.Acks.Count);
            foreach (var ack in outcome.Acks)
            {
                writer.Write(ack.SentUnixMs);
                writer.Write(ack.Milliseconds);
                writer.Write(ack.Records);
            }

            writer.Write(outcome.Records.Count);
            foreach (var (sequence, record) in outcome.Records)
            {
                writer.Write(sequence);
                writer.Write(record.Length);
                writer.Write(record);
            }
        }
    }

    public static List<DayBenchOutcome> ReadAll(string path)
    {
        var outcomes = new List<DayBenchOutcome>();
        using var reader = new BinaryReader(File.OpenRead(path));
        while (reader.BaseStream.Position < reader.BaseStream.Length)
        {
            var (id, sent, resends) = (reader.ReadUInt32(), reader.ReadInt32(), reader.ReadInt32());
            var acks = new AckSample[reader.ReadInt32()];
            for (var i = 0; i < acks.Length; i++)
            {
                acks[i] = new AckSample(reader.ReadInt64(), reader.ReadDouble(), reader.ReadInt32());
            }

            var count = reader.ReadInt32();
            var records = new Dictionary<uint, byte[]>(count);
            for (var i = 0; i < count; i++)
            {
                var sequence = reader.ReadUInt32();
                records[sequence] = reader.ReadBytes(reader.ReadInt32());
            }

            outcomes.Add(new DayBenchOutcome(id, sent, resends, acks, records));
        }

        return outcomes;
    }
}
