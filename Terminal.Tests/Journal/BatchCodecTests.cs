using Terminal.Firmware.Binary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Terminal.Firmware.Journal;
using Xunit;

namespace Terminal.Tests.Journal;

public sealed class BatchCodecTests
{
    private static readonly Arbitrary<byte[]> SealedBatches = Arb.From(
        from records in Gen.NonEmptyListOf(TxRecords.Valid())
        from first in Gen.Choose(1, 1_000_000)
        from gaps in Gen.ArrayOf(Gen.Choose(1, 3), Math.Min(records.Count, BatchCodec.MaxRecords))
        from terminal in TxRecords.UInt32(0, uint.MaxValue)
        select Seal(records.Take(BatchCodec.MaxRecords).ToArray(), (uint)first, gaps, terminal));

    [Property(MaxTest = 50)]
    public Property ASealedBatchDecodesToItsRecordsUnchanged() => Prop.ForAll(SealedBatches, payload =>
    {
        var header = new BatchHeader();
        var status = BatchCodec.Decode(payload, 0, payload.Length, header);
        int count = (payload.Length - BatchCodec.HeaderSize) / TxRecordCodec.Size;
        uint last = TxRecordCodec.ReadSequence(payload, BatchCodec.RecordOffset(0, count - 1));
        return (status == WireStatus.Ok
                && header.Count == count
                && header.FirstSequence == TxRecordCodec.ReadSequence(payload, BatchCodec.HeaderSize)
                && header.LastSequence == last
                && header.TerminalId == BitConverter.ToUInt32(payload, 4))
            .Label(status.ToString());
    });

    [Property(MaxTest = 20)]
    public Property EveryTruncationIsRefusedAsTruncated() => Prop.ForAll(SealedBatches, payload =>
        Enumerable.Range(0, payload.Length).All(length => BatchCodec.Decode(payload, 0, length, new BatchHeader()) == WireStatus.Truncated));

    [Property(MaxTest = 20)]
    public Property ExtraBytesAreRefusedAsOversized() => Prop.ForAll(SealedBatches, payload =>
    {
        var longer = payload.Concat(new byte[TxRecordCodec.Size]).ToArray();
        return BatchCodec.Decode(longer, 0, longer.Length, new BatchHeader()) == WireStatus.Oversized
            && BatchCodec.Decode(longer, 0, payload.Length + 1, new BatchHeader()) == WireStatus.Oversized;
    });

    [Property(MaxTest = 10)]
    public Property EverySingleBitFlipIsRefused() => Prop.ForAll(SealedBatches, payload =>
    {
        for (int bit = 0; bit < payload.Length * 8; bit++)
        {
            var flipped = (byte[])payload.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            if (BatchCodec.Decode(flipped, 0, flipped.Length, new BatchHeader()) == WireStatus.Ok)
            {
                return false.Label($"bit {bit}");
            }
        }

        return true.ToProperty();
    });

    [Property]
    public bool RandomBytesAreNeverAcceptedAsABatch(byte[] garbage) =>
        BatchCodec.Decode(garbage, 0, garbage.Length, new BatchHeader()) != WireStatus.Ok;

    [Fact]
    public void AHeaderWithNoRecordsIsEmpty()
    {
        var payload = Seal([TxRecords.CardTap()], 1, [1], 5)[..BatchCodec.HeaderSize];
        payload[2] = 0;
        Assert.Equal(WireStatus.Empty, BatchCodec.Decode(payload, 0, payload.Length, new BatchHeader()));
    }

    [Fact]
    public void MoreRecordsThanTheLimitAreRefusedBeforeAnythingIsRead()
    {
        var payload = Seal([TxRecords.CardTap()], 1, [1], 5);
        payload[2] = (BatchCodec.MaxRecords + 1) & 0xFF;
        payload[3] = (BatchCodec.MaxRecords + 1) >> 8;
        Assert.Equal(WireStatus.TooManyRecords, BatchCodec.Decode(payload, 0, payload.Length, new BatchHeader()));
        Assert.Equal(WireStatus.TooManyRecords, BatchCodec.Seal(new byte[BatchCodec.LengthFor(513)], 0, 5, 513, new BatchHeader()));
    }

    [Theory]
    [InlineData(0, 2, WireStatus.UnknownVersion)]
    [InlineData(1, 16, WireStatus.BadRecordSize)]
    public void AForeignHeaderIsRefused(int index, byte value, WireStatus expected)
    {
        var payload = Seal([TxRecords.CardTap()], 1, [1], 5);
        payload[index] = value;
        Assert.Equal(expected, BatchCodec.Decode(payload, 0, payload.Length, new BatchHeader()));
    }

    [Fact]
    public void ACorruptRecordUnderAValidBatchCrcIsNamed()
    {
        var payload = Seal([TxRecords.CardTap(1), TxRecords.CardTap(2), TxRecords.CardTap(3)], 1, [1, 1, 1], 5);
        payload[BatchCodec.RecordOffset(0, 2) + 5] ^= 0x40;
        Reseal(payload);

        var header = new BatchHeader();
        Assert.Equal(WireStatus.BadRecord, BatchCodec.Decode(payload, 0, payload.Length, header));
        Assert.Equal(2, header.BadRecordIndex);
        Assert.Equal(RecordStatus.BadCrc, header.BadRecordStatus);
    }

    [Fact]
    public void SequencesMustStartAtTheHeadersAndStrictlyRise()
    {
        var records = new[] { TxRecords.CardTap(), TxRecords.CardTap(), TxRecords.CardTap() };
        var repeated = Seal(records, 10, [1, 0, 1], 5);
        var header = new BatchHeader();
        Assert.Equal(WireStatus.SequenceNotRising, BatchCodec.Decode(repeated, 0, repeated.Length, header));
        Assert.Equal(1, header.BadRecordIndex);

        var payload = Seal(records, 10, [1, 1, 1], 5);
        payload[8] = 9;
        Reseal(payload);
        Assert.Equal(WireStatus.FirstSequenceMismatch, BatchCodec.Decode(payload, 0, payload.Length, header));
    }

    [Fact]
    public void SealRefusesWhatTheBackendWouldRefuse()
    {
        var header = new BatchHeader();
        var payload = new byte[BatchCodec.LengthFor(2)];
        Assert.Equal(WireStatus.Empty, BatchCodec.Seal(payload, 0, 1, 0, header));
        Assert.Equal(WireStatus.Truncated, BatchCodec.Seal(payload, 0, 1, 3, header));
        Assert.Equal(WireStatus.BadRecord, BatchCodec.Seal(payload, 0, 1, 2, header));
        Assert.Equal(RecordStatus.BadCrc, header.BadRecordStatus);
    }

    [Fact]
    public void ABatchCanSitAtAnOffsetInsideALargerBuffer()
    {
        var sealedAlone = Seal([TxRecords.CardTap(4), TxRecords.CardTap(6)], 4, [1, 2], 77);
        var framed = new byte[sealedAlone.Length + 10];
        sealedAlone.CopyTo(framed, 7);
        var header = new BatchHeader();
        Assert.Equal(WireStatus.Ok, BatchCodec.Decode(framed, 7, sealedAlone.Length, header));
        Assert.Equal((77u, 4u, 6u, 2), (header.TerminalId, header.FirstSequence, header.LastSequence, header.Count));
    }

    /// <summary>Places the records with rising sequences (each gap after the first) and seals them.</summary>
    private static byte[] Seal(TxRecord[] records, uint firstSequence, int[] gaps, uint terminalId)
    {
        var payload = new byte[BatchCodec.LengthFor(records.Length)];
        uint sequence = firstSequence;
        for (int i = 0; i < records.Length; i++)
        {
            sequence = i == 0 ? firstSequence : sequence + (uint)gaps[i];
            records[i].Sequence = sequence;
            Assert.Equal(RecordStatus.Ok, TxRecordCodec.Encode(records[i], payload, BatchCodec.RecordOffset(0, i)));
        }

        var status = BatchCodec.Seal(payload, 0, terminalId, records.Length, new BatchHeader());
        if (gaps.Skip(1).Take(records.Length - 1).All(g => g > 0))
        {
            Assert.Equal(WireStatus.Ok, status);
        }
        else
        {
            Assert.Equal(WireStatus.SequenceNotRising, status);
            WriteHeaderByHand(payload, terminalId, firstSequence, records.Length);
        }

        return payload;
    }

    private static void WriteHeaderByHand(byte[] payload, uint terminalId, uint firstSequence, int count)
    {
        payload[0] = BatchCodec.Version;
        payload[1] = TxRecordCodec.Size;
        BitConverter.GetBytes((ushort)count).CopyTo(payload, 2);
        BitConverter.GetBytes(terminalId).CopyTo(payload, 4);
        BitConverter.GetBytes(firstSequence).CopyTo(payload, 8);
        Reseal(payload);
    }

    private static void Reseal(byte[] payload)
    {
        var covered = payload[..12].Concat(payload[BatchCodec.HeaderSize..]).ToArray();
        BitConverter.GetBytes(Crc32.Compute(covered, 0, covered.Length)).CopyTo(payload, 12);
    }
}
