using Terminal.Firmware.Journal;

namespace Backend.Ingest.Storage;

/// <summary>
/// A batch that <see cref="BatchCodec.Decode"/> accepted, ready to commit: its own copy of what the (reusable)
/// <see cref="BatchHeader"/> said, and the payload it lies in.
/// </summary>
public sealed record BatchToStore(uint TerminalId, int Count, uint LastSequence, byte[] Payload, int Offset)
{
    public static BatchToStore From(BatchHeader header, byte[] payload, int offset) =>
        new(header.TerminalId, header.Count, header.LastSequence, payload, offset);
}
