using Backend.Tests.Storage;
using Terminal.Firmware.Binary;
using Terminal.Firmware.Journal;

namespace Backend.Tests.Ingest;

/// <summary>One payload for each way <see cref="BatchCodec.Decode"/> refuses a batch, built from a good one.</summary>
internal static class MalformedBatches
{
    public static IEnumerable<(WireStatus Status, byte[] Payload)> For(uint terminalId)
    {
        yield return (WireStatus.Truncated, Good(terminalId)[..10]);
        yield return (WireStatus.UnknownVersion, Resealed(Good(terminalId), p => p[0] = 2));
        yield return (WireStatus.BadRecordSize, Resealed(Good(terminalId), p => p[1] = 16));
        yield return (WireStatus.Empty, Resealed(Good(terminalId)[..BatchCodec.HeaderSize], p => LittleEndian.WriteUInt16(p, 2, 0)));
        yield return (WireStatus.TooManyRecords, Resealed(Good(terminalId), p => LittleEndian.WriteUInt16(p, 2, BatchCodec.MaxRecords + 1)));
        yield return (WireStatus.Truncated, Good(terminalId)[..^TxRecordCodec.Size]);
        yield return (WireStatus.Oversized, [.. Good(terminalId), 0]);
        yield return (WireStatus.BadCrc, Mutated(Good(terminalId), p => p[15] ^= 0xFF));
        yield return (WireStatus.BadRecord, Resealed(Good(terminalId), p => p[BatchCodec.RecordOffset(0, 1) + 30] ^= 0xFF));
        yield return (WireStatus.FirstSequenceMismatch, Resealed(Good(terminalId), p => LittleEndian.WriteUInt32(p, 8, 99)));
        yield return (WireStatus.SequenceNotRising, Resealed(Good(terminalId), p =>
            Array.Copy(p, BatchCodec.RecordOffset(0, 0), p, BatchCodec.RecordOffset(0, 2), TxRecordCodec.Size)));
        yield return (WireStatus.BadRecord, RecordNumberedZero(terminalId));
    }

    /// <summary>A batch whose first record carries sequence 0, every CRC good: the journal numbers from 1 (found by the fuzzer).</summary>
    public static byte[] RecordNumberedZero(uint terminalId) => Resealed(Good(terminalId), p =>
    {
        var record = BatchCodec.RecordOffset(0, 0);
        LittleEndian.WriteUInt32(p, record + 1, 0);
        var crc = Crc16Ccitt.Compute(p, record, 30);
        p[record + 30] = (byte)crc;
        p[record + 31] = (byte)(crc >> 8);
        LittleEndian.WriteUInt32(p, 8, 0);
    });

    private static byte[] Good(uint terminalId) => Batches.Sealed(terminalId, 1, 3);

    private static byte[] Mutated(byte[] payload, Action<byte[]> change)
    {
        change(payload);
        return payload;
    }

    /// <summary>Applies <paramref name="change"/>, then writes a batch CRC that matches, so the decoder reaches the check behind it.</summary>
    private static byte[] Resealed(byte[] payload, Action<byte[]> change)
    {
        change(payload);
        var crc = Crc32.Update(Crc32.Start, payload, 0, 12);
        crc = Crc32.Update(crc, payload, BatchCodec.HeaderSize, payload.Length - BatchCodec.HeaderSize);
        LittleEndian.WriteUInt32(payload, 12, Crc32.Finish(crc));
        return payload;
    }
}
