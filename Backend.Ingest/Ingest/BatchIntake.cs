using System.Buffers;
using Backend.Ingest.Storage;
using Terminal.Firmware.Journal;

namespace Backend.Ingest.Ingest;

/// <summary>
/// Everything checked before a message may reach the database: the topic names a terminal, the payload is not
/// larger than any batch can be, <see cref="BatchCodec.Decode"/> accepts it, and the batch is the topic's
/// terminal's own (the broker lets a terminal publish only on its own topic, so a mismatch is a forged batch).
/// </summary>
public static class BatchIntake
{
    public static readonly int MaxPayloadLength = BatchCodec.LengthFor(BatchCodec.MaxRecords);

    public static IntakeVerdict Inspect(string topic, ReadOnlySequence<byte> payload)
    {
        if (!TerminalTopic.TryParseTransactions(topic, out var topicTerminal))
        {
            return IntakeVerdict.Refuse(IngestRefusal.UnparseableTopic, $"topic '{topic}' names no terminal");
        }

        if (payload.Length > MaxPayloadLength)
        {
            return IntakeVerdict.Refuse(IngestRefusal.Oversized, $"{payload.Length} bytes, more than the largest batch ({MaxPayloadLength})");
        }

        var bytes = payload.ToArray();
        var header = new BatchHeader();
        var status = BatchCodec.Decode(bytes, 0, bytes.Length, header);
        if (status != WireStatus.Ok)
        {
            var record = header.BadRecordIndex >= 0 ? $" at record {header.BadRecordIndex} ({header.BadRecordStatus})" : "";
            return IntakeVerdict.Refuse(IngestRefusal.Malformed, $"batch refused: {status}{record}");
        }

        if (header.TerminalId != topicTerminal)
        {
            return IntakeVerdict.Refuse(IngestRefusal.ForeignTopic, $"batch of terminal {header.TerminalId} published on terminal {topicTerminal}'s topic");
        }

        return IntakeVerdict.Accept(BatchToStore.From(header, bytes, 0));
    }
}
