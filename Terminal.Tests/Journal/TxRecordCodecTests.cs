using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Terminal.Firmware.Journal;
using Xunit;

namespace Terminal.Tests.Journal;

public sealed class TxRecordCodecTests
{
    [Property]
    public Property EveryValidRecordRoundTripsExactly() => Prop.ForAll(TxRecords.Arbitrary, record =>
    {
        var bytes = TxRecords.Encode(record);
        var decoded = new TxRecord();
        var status = TxRecordCodec.Decode(bytes, 0, decoded);
        return (status == RecordStatus.Ok
                && TxRecords.Describe(decoded) == TxRecords.Describe(record)
                && TxRecords.Encode(decoded).SequenceEqual(bytes))
            .Label($"{status}: {TxRecords.Describe(record)} -> {TxRecords.Describe(decoded)}");
    });

    [Property(MaxTest = 50)]
    public Property EverySingleBitFlipIsCaughtByTheCrc() => Prop.ForAll(TxRecords.Arbitrary, record =>
    {
        var bytes = TxRecords.Encode(record);
        for (int bit = 0; bit < TxRecordCodec.Size * 8; bit++)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            if (TxRecordCodec.Validate(flipped, 0) != RecordStatus.BadCrc)
            {
                return false.Label($"bit {bit} of {TxRecords.Describe(record)}");
            }
        }

        return true.ToProperty();
    });

    [Fact]
    public void TheLayoutIsTheDocumentedOne()
    {
        var bytes = TxRecords.Encode(TxRecords.CardTap(sequence: 0x0A0B0C0D));

        Assert.Equal(0x11, bytes[0]); // version 1, kind 1 (card tap)
        Assert.Equal(new byte[] { 0x0D, 0x0C, 0x0B, 0x0A }, bytes[1..5]);
        Assert.Equal(BitConverter.GetBytes(1_764_000_000u), bytes[5..9]);
        Assert.Equal(0b011_000_01, bytes[9]); // concession 3, product 0 (a charge), UID size code 1 (7 bytes)
        Assert.Equal(new byte[] { 0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6, 0, 0, 0 }, bytes[10..20]);
        Assert.Equal(new byte[] { 250, 0 }, bytes[20..22]);
        Assert.Equal(new byte[] { 0x88, 0xFF, 0xFF }, bytes[22..25]); // -120 as 24-bit two's complement
        Assert.Equal(new byte[] { 0x34, 0x12 }, bytes[25..27]);
        Assert.Equal(new byte[] { 0x34, 0x12, 0xC3 }, bytes[27..30]); // route 0x1234, origin zone 3 (low nibble), destination zone 12
        Assert.Equal(Crc16Ccitt.Compute(bytes, 0, 30), bytes[30] | (bytes[31] << 8));
    }

    [Fact]
    public void TheExampleInTheProtocolDocumentIsExact()
    {
        var expected = Convert.FromHexString("112a000000008124696104a1b2c3d4e5f6000000fa0088ffff34123412c31530");
        Assert.Equal(expected, TxRecords.Encode(TxRecords.CardTap(sequence: 42)));
        Assert.Contains("11 2a 00 00 00 00 81 24 69 61 04 a1 b2 c3 d4 e5 f6 00 00 00 fa 00 88 ff ff 34 12 34 12 c3 15 30", File.ReadAllText(Path.Combine(Terminal.Tests.NanoGate.NanoGate.RepositoryRoot, "docs", "protocol.md")));
    }

    [Fact]
    public void AQrRecordCarriesTokenWhereACardCarriesItsUidAndAccountWhereACardCarriesItsPurse()
    {
        var record = new TxRecord { Kind = TxKind.QrAccepted, Sequence = 1, Amount = 180 };
        record.SetQr(0xDEADBEEF, 0x8877_6655_4433_2211);
        var bytes = TxRecords.Encode(record);

        Assert.Equal(3, bytes[9] & 0x03);
        Assert.Equal(new byte[] { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0, 0 }, bytes[10..20]);
        Assert.Equal(new byte[] { 180, 0 }, bytes[20..22]);
        Assert.Equal(new byte[] { 0xEF, 0xBE, 0xAD, 0xDE, 0 }, bytes[22..27]);
    }

    [Fact]
    public void ATerminalEventCarriesCodeAndValue()
    {
        var record = new TxRecord { Kind = TxKind.TerminalEvent, Sequence = 9, EventCode = (int)TerminalEventCode.FareTableActivated, EventValue = 42, Route = 7 };
        var bytes = TxRecords.Encode(record);

        Assert.Equal(0x17, bytes[0]);
        Assert.Equal(new byte[] { 4, 0, 42, 0, 0, 0 }, bytes[10..16]);
        var decoded = new TxRecord();
        Assert.Equal(RecordStatus.Ok, TxRecordCodec.Decode(bytes, 0, decoded));
        Assert.Equal(TxRecords.Describe(record), TxRecords.Describe(decoded));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(15)]
    public void AnUnknownVersionIsRefusedEvenWithAGoodCrc(int version)
    {
        var bytes = TxRecords.Encode(TxRecords.CardTap());
        bytes[0] = (byte)((version << 4) | (bytes[0] & 0x0F));
        Reseal(bytes);
        Assert.Equal(RecordStatus.UnknownVersion, TxRecordCodec.Validate(bytes, 0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(15)]
    public void AnUnknownKindIsRefusedOnBothSides(int kind)
    {
        var bytes = TxRecords.Encode(TxRecords.CardTap());
        bytes[0] = (byte)(0x10 | kind);
        Reseal(bytes);
        Assert.Equal(RecordStatus.UnknownKind, TxRecordCodec.Validate(bytes, 0));

        var record = TxRecords.CardTap();
        record.Kind = (TxKind)kind;
        Assert.Equal(RecordStatus.UnknownKind, TxRecordCodec.Encode(record, new byte[32], 0));
    }

    [Theory]
    [InlineData("uid padding", 19, 0x01)]
    [InlineData("QR identity on a card tap", 9, 0b011_101_11)]
    [InlineData("erased flash reads 0xFF", 9, 0xFF)]
    public void AWellSealedRecordWithAnImpossibleFieldIsRefused(string why, int index, int value)
    {
        var bytes = TxRecords.Encode(TxRecords.CardTap());
        bytes[index] = (byte)value;
        Reseal(bytes);
        Assert.True(TxRecordCodec.Validate(bytes, 0) == RecordStatus.BadField, why);
    }

    [Fact]
    public void ARecordNumberedZeroIsRefusedAsABadFieldAsEncodeRefusesIt()
    {
        var bytes = TxRecords.Encode(TxRecords.CardTap(sequence: 1));
        bytes[1] = 0;
        Reseal(bytes);

        Assert.Equal(RecordStatus.BadField, TxRecordCodec.Validate(bytes, 0));
        Assert.Equal(RecordStatus.BadField, TxRecordCodec.Decode(bytes, 0, new TxRecord()));
        Assert.Equal(RecordStatus.BadField, TxRecordCodec.Encode(TxRecords.CardTap(sequence: 0), new byte[TxRecordCodec.Size], 0));
    }

    [Fact]
    public void AQrRecordWithCardFieldsOrAnEventWithReservedBytesIsRefused()
    {
        var qr = new TxRecord { Kind = TxKind.QrAccepted, Sequence = 1 };
        qr.SetQr(1, 2);
        var qrBytes = TxRecords.Encode(qr);
        foreach (int padding in new[] { 18, 19, 26 })
        {
            var spoilt = (byte[])qrBytes.Clone();
            spoilt[padding] = 1;
            Reseal(spoilt);
            Assert.Equal(RecordStatus.BadField, TxRecordCodec.Validate(spoilt, 0));
        }

        var eventBytes = TxRecords.Encode(new TxRecord { Kind = TxKind.TerminalEvent, Sequence = 1, EventCode = 1 });
        eventBytes[20] = 1;
        Reseal(eventBytes);
        Assert.Equal(RecordStatus.BadField, TxRecordCodec.Validate(eventBytes, 0));
    }

    public static TheoryData<string, Action<TxRecord>> OutOfRange() => new()
    {
        { "sequence 0", r => r.Sequence = 0 },
        { "negative fare", r => r.Amount = -1 },
        { "fare above 16 bits", r => r.Amount = 0x10000 },
        { "balance above 24 bits", r => r.BalanceAfter = TxRecordCodec.MaxBalance + 1 },
        { "balance below 24 bits", r => r.BalanceAfter = TxRecordCodec.MinBalance - 1 },
        { "counter above 16 bits", r => r.CardCounter = 0x10000 },
        { "route above 16 bits", r => r.Route = 0x10000 },
        { "origin zone above 4 bits", r => r.OriginZone = 16 },
        { "negative destination zone", r => r.DestinationZone = -1 },
        { "product above 3 bits", r => r.Product = 8 },
        { "concession above 3 bits", r => r.Concession = 8 },
        { "reason on a tap", r => r.Reason = 1 },
        { "event value on a tap", r => r.EventValue = 1 },
        { "QR identity on a tap", r => r.SetQr(1, 1) },
        { "card balance on a QR record", r => { r.Kind = TxKind.QrAccepted; r.SetQr(1, 1); } },
        { "card on a terminal event", r => r.Kind = TxKind.TerminalEvent },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void EncodeRefusesAFieldOutOfRangeAndWritesNothing(string why, Action<TxRecord> spoil)
    {
        var record = TxRecords.CardTap();
        spoil(record);
        var buffer = Enumerable.Repeat((byte)0x5A, 40).ToArray();

        Assert.True(TxRecordCodec.Encode(record, buffer, 4) == RecordStatus.BadField, why);
        Assert.All(buffer, b => Assert.Equal(0x5A, b));
    }

    [Fact]
    public void SetCardRefusesALengthThatNoCardHas()
    {
        var record = TxRecords.CardTap();
        Assert.False(record.SetCard(new byte[10], 0, 5));
        Assert.Equal(7, record.UidLength);
    }

    [Fact]
    public void ShortBuffersAreRefused()
    {
        var bytes = TxRecords.Encode(TxRecords.CardTap());
        Assert.Equal(RecordStatus.TooShort, TxRecordCodec.Validate(bytes, 1));
        Assert.Equal(RecordStatus.TooShort, TxRecordCodec.Encode(TxRecords.CardTap(), new byte[31], 0));
        Assert.Equal(RecordStatus.TooShort, TxRecordCodec.Decode(bytes, -1, new TxRecord()));
    }

    [Fact]
    public void ADecodeThatFailsLeavesTheTargetUntouched()
    {
        var bytes = TxRecords.Encode(TxRecords.CardTap());
        bytes[3] ^= 1;
        var target = TxRecords.CardTap(sequence: 99);
        Assert.Equal(RecordStatus.BadCrc, TxRecordCodec.Decode(bytes, 0, target));
        Assert.Equal(TxRecords.Describe(TxRecords.CardTap(sequence: 99)), TxRecords.Describe(target));
    }

    [Fact]
    public void EncodingAndDecodingAllocateNothing()
    {
        var record = TxRecords.CardTap();
        var buffer = new byte[64];
        TxRecordCodec.Encode(record, buffer, 16);
        TxRecordCodec.Decode(buffer, 16, record);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            record.Sequence = (uint)(i + 1);
            TxRecordCodec.Encode(record, buffer, 16);
            TxRecordCodec.Decode(buffer, 16, record);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void Reseal(byte[] bytes)
    {
        int crc = Crc16Ccitt.Compute(bytes, 0, 30);
        bytes[30] = (byte)crc;
        bytes[31] = (byte)(crc >> 8);
    }
}
