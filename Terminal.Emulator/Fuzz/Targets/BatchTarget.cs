using Terminal.Firmware.Binary;
using Terminal.Firmware.Journal;

namespace Terminal.Emulator.Fuzz.Targets;

/// <summary>
/// The uplink batch as the terminal seals it and the backend decodes it, raw and with every CRC repaired: an
/// accepted batch's records all decode, and sealing its records again gives the same bytes.
/// </summary>
public sealed class BatchTarget : IFuzzTarget
{
    private readonly BatchHeader _header = new();
    private readonly BatchHeader _resealed = new();
    private readonly TxRecord _record = new();

    public string Name => "batch";

    public IReadOnlyList<byte[]> Seeds()
    {
        var records = FuzzRecords.Samples(41).Select(FuzzRecords.Encode).ToArray();
        return [Seal(records[..1]), Seal(records)];
    }

    public void Run(byte[] input)
    {
        Check(input);
        for (var i = 0; BatchCodec.RecordOffset(0, i) + TxRecordCodec.Size <= input.Length; i++)
        {
            FuzzRecords.RepairCrc(input, BatchCodec.RecordOffset(0, i));
        }

        if (input.Length >= BatchCodec.HeaderSize)
        {
            var count = Math.Max(0, (input.Length - BatchCodec.HeaderSize) / TxRecordCodec.Size);
            var crc = Crc32.Update(Crc32.Start, input, 0, 12);
            crc = Crc32.Update(crc, input, BatchCodec.HeaderSize, Math.Min(count * TxRecordCodec.Size, input.Length - BatchCodec.HeaderSize));
            LittleEndian.WriteUInt32(input, 12, Crc32.Finish(crc));
        }

        Check(input);
    }

    private void Check(byte[] input)
    {
        if (BatchCodec.Decode(input, 0, input.Length, _header) != WireStatus.Ok)
        {
            return;
        }

        for (var i = 0; i < _header.Count; i++)
        {
            var status = TxRecordCodec.Decode(input, BatchCodec.RecordOffset(0, i), _record);
            FuzzMismatchException.Check(status == RecordStatus.Ok, $"record {i} of an accepted batch does not decode ({status})");
        }

        var copy = new byte[input.Length];
        Array.Copy(input, BatchCodec.HeaderSize, copy, BatchCodec.HeaderSize, input.Length - BatchCodec.HeaderSize);
        _resealed.FirstSequence = _header.FirstSequence;
        var sealedStatus = BatchCodec.Seal(copy, 0, _header.TerminalId, _header.Count, _resealed);
        FuzzMismatchException.Check(sealedStatus == WireStatus.Ok, $"the records of an accepted batch do not seal again ({sealedStatus})");
        FuzzMismatchException.Check(copy.AsSpan().SequenceEqual(input), "an accepted batch seals again to other bytes");
    }

    private static byte[] Seal(byte[][] records)
    {
        var payload = new byte[BatchCodec.LengthFor(records.Length)];
        for (var i = 0; i < records.Length; i++)
        {
            records[i].CopyTo(payload, BatchCodec.RecordOffset(0, i));
        }

        var header = new BatchHeader { FirstSequence = TxRecordCodec.ReadSequence(records[0], 0) };
        if (BatchCodec.Seal(payload, 0, 7, records.Length, header) != WireStatus.Ok)
        {
            throw new InvalidOperationException("seed batch does not seal");
        }

        return payload;
    }
}
