using Terminal.Simulation.Cards;
using Xunit;

namespace Terminal.Tests.Simulation;

/// <summary>MIFARE Classic commands, access conditions and value blocks, frame by frame.</summary>
public sealed class MifareClassicCardTests
{
    private const byte Nak = 0x04;
    private static readonly byte[] Uid4 = [0x11, 0x22, 0x33, 0x44];
    private static readonly byte[] Data = [.. Enumerable.Range(0x40, 16).Select(i => (byte)i)];

    [Fact]
    public void FactoryCardHasTransportTrailersAndManufacturerBlock()
    {
        var card = MifareClassicCard.OneK(Uid4);
        Assert.Equal(64, card.Layout.BlockCount);
        Assert.Equal(new byte[] { 0x11, 0x22, 0x33, 0x44, 0x11 ^ 0x22 ^ 0x33 ^ 0x44, 0x08, 0x04, 0x00 }, card.ReadBlock(0)[..8]);
        for (int sector = 0; sector < 16; sector++)
        {
            Assert.Equal(
                new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x80, 0x69, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF },
                card.ReadBlock(card.Layout.TrailerOf(sector)));
        }
    }

    [Fact]
    public void ReadingATransportTrailerHidesKeyAButShowsKeyB()
    {
        var (card, reader) = Authenticated(MifareClassicCard.OneK(Uid4), 7);
        Assert.Equal(
            new byte[] { 0, 0, 0, 0, 0, 0, 0xFF, 0x07, 0x80, 0x69, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF },
            reader.Read(7));
        Assert.Equal(new byte[16], reader.Read(4));
        Assert.Equal(card.ReadBlock(0)[..8], Authenticated(MifareClassicCard.OneK(Uid4), 0).Reader.Read(0)![..8]);
    }

    [Theory]
    [InlineData(0b011, false)]
    [InlineData(0b011, true)]
    [InlineData(0b111, true)]
    public void TrailerReadsHideKeyBWhenItIsAKey(byte trailerCondition, bool withKeyB)
    {
        var card = PersonalisedSector1(new AccessConditions(0b000, 0b000, 0b000, trailerCondition));
        var reader = Activated(card);
        Assert.True(withKeyB ? reader.AuthenticateB(card, 7, Keys.B) : reader.AuthenticateA(card, 7, Keys.A));
        var visible = reader.Read(7)!;
        Assert.Equal(new byte[6], visible[..6]);
        Assert.Equal(card.ReadBlock(7)[6..10], visible[6..10]);
        Assert.Equal(new byte[6], visible[10..]);
    }

    [Fact]
    public void WriteTakesTwoPartsAndReadsBack()
    {
        var (card, reader) = Authenticated(MifareClassicCard.OneK(Uid4), 4);
        ReceptionAssert.Nibble(0x0A, reader.Command(0xA0, 5));
        ReceptionAssert.Nibble(0x0A, reader.Command(Data));
        Assert.Equal(Data, reader.Read(5));
        Assert.Equal(Data, card.ReadBlock(5));
    }

    [Fact]
    public void BlockZeroIsReadOnlyWhateverTheAccessBits()
    {
        var (card, reader) = Authenticated(MifareClassicCard.OneK(Uid4), 0);
        var before = card.ReadBlock(0);
        ReceptionAssert.Nibble(Nak, reader.Command(0xA0, 0));
        Assert.Equal(CardState.Idle, card.State);
        Assert.Equal(before, card.ReadBlock(0));
    }

    [Fact]
    public void WriteToAReadOnlyBlockIsRefusedAndEndsTheSession()
    {
        var card = MifareClassicCard.OneK(Uid4);
        card.SetSectorTrailer(1, Keys.A, new AccessConditions(0b010, 0b000, 0b000, 0b001), Keys.B);
        var reader = Activated(card);
        Assert.True(reader.AuthenticateA(card, 4, Keys.A));

        ReceptionAssert.Nibble(Nak, reader.Command(0xA0, 4));
        Assert.Equal(CardState.Idle, card.State);
        Assert.False(card.IsAuthenticated);

        // Block 5 of the same sector (condition 000) stays writable after a fresh selection.
        reader = Activated(card, reader);
        Assert.True(reader.AuthenticateA(card, 5, Keys.A));
        ReceptionAssert.Nibble(0x0A, reader.Command(0xA0, 5));
    }

    [Fact]
    public void CommandsOutsideTheAuthenticatedSectorAreRefused()
    {
        var (_, reader) = Authenticated(MifareClassicCard.OneK(Uid4), 4);
        ReceptionAssert.Nibble(Nak, reader.Command(0x30, 8));
    }

    [Fact]
    public void CommandsBeforeAuthenticationAreRefused()
    {
        var card = MifareClassicCard.OneK(Uid4);
        var reader = Activated(card);
        ReceptionAssert.Nibble(Nak, reader.Command(0x30, 4));
        Assert.Equal(CardState.Idle, card.State);
    }

    [Fact]
    public void AClearFrameInsideTheEncryptedSessionIsNoise()
    {
        var (card, reader) = Authenticated(MifareClassicCard.OneK(Uid4), 4);
        reader.Crypto = false;
        Assert.Null(reader.Command(0x30, 4));
        Assert.Equal(CardState.Idle, card.State);
    }

    [Fact]
    public void HaltAfterAuthenticationMustBeEncrypted()
    {
        var (card, reader) = Authenticated(MifareClassicCard.OneK(Uid4), 4);
        Assert.Null(reader.Halt());
        Assert.Equal(CardState.Halt, card.State);
        Assert.False(card.IsAuthenticated);
    }

    [Fact]
    public void BadCrcInTheSessionGetsTheCrcNak()
    {
        var (card, reader) = Authenticated(MifareClassicCard.OneK(Uid4), 4);
        var read = TestReader.Crc(true, 0x30, 4);
        read.Data[3] ^= 0x80;
        ReceptionAssert.Nibble(0x05, reader.Send(read));
        Assert.Equal(CardState.Idle, card.State);
    }

    [Fact]
    public void WrongKeyOrWrongUidFailsAuthenticationAndSendsTheCardBackToIdle()
    {
        var card = MifareClassicCard.OneK(Uid4);
        var reader = Activated(card);
        Assert.False(reader.AuthenticateA(card, 4, Keys.A));
        Assert.Equal(CardState.Idle, card.State);

        reader = Activated(card, reader);
        Assert.False(reader.Authenticate(0x60, 4, Keys.Transport, [0x11, 0x22, 0x33, 0x45]));
        Assert.Equal(CardState.Idle, card.State);

        reader = Activated(card, reader);
        Assert.True(reader.AuthenticateA(card, 4));
    }

    [Fact]
    public void SevenByteUidCardsAuthenticateWithTheirLastFourUidBytes()
    {
        var card = MifareClassicCard.OneK([0x04, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60]);
        var reader = Activated(card);
        Assert.False(reader.Authenticate(0x60, 4, Keys.Transport, [0x04, 0x10, 0x20, 0x30]));
        reader = Activated(card, reader);
        Assert.True(reader.Authenticate(0x60, 4, Keys.Transport, [0x30, 0x40, 0x50, 0x60]));
    }

    [Fact]
    public void AuthenticationNeedsASelectedCard()
    {
        var card = MifareClassicCard.OneK(Uid4);
        var reader = new TestReader(card);
        reader.Wupa();
        Assert.False(reader.AuthenticateA(card, 4));
        Assert.Equal(CardState.Idle, card.State);
    }

    [Fact]
    public void ReadableKeyBAuthenticatesButOpensNothing()
    {
        var card = MifareClassicCard.OneK(Uid4);
        var reader = Activated(card);
        Assert.True(reader.AuthenticateB(card, 4));
        ReceptionAssert.Nibble(Nak, reader.Command(0x30, 4));
    }

    [Fact]
    public void KeyBWritesWhereOnlyKeyBMay()
    {
        var card = PersonalisedSector1(new AccessConditions(0b100, 0b000, 0b000, 0b011));
        var reader = Activated(card);
        Assert.True(reader.AuthenticateA(card, 4, Keys.A));
        Assert.Equal(new byte[16], reader.Read(4));
        ReceptionAssert.Nibble(Nak, reader.Command(0xA0, 4));

        reader = Activated(card, reader);
        Assert.True(reader.AuthenticateB(card, 4, Keys.B));
        ReceptionAssert.Nibble(0x0A, reader.Command(0xA0, 4));
        ReceptionAssert.Nibble(0x0A, reader.Command(Data));
        Assert.Equal(Data, card.ReadBlock(4));
    }

    [Fact]
    public void BlocksReadableOnlyWithKeyBRefuseKeyA()
    {
        var card = PersonalisedSector1(new AccessConditions(0b101, 0b111, 0b000, 0b011));
        var reader = Activated(card);
        Assert.True(reader.AuthenticateA(card, 4, Keys.A));
        ReceptionAssert.Nibble(Nak, reader.Command(0x30, 4));

        reader = Activated(card, reader);
        Assert.True(reader.AuthenticateB(card, 5, Keys.B));
        Assert.NotNull(reader.Read(4));
        ReceptionAssert.Nibble(Nak, reader.Command(0x30, 5));
    }

    [Fact]
    public void RechargeableValueBlockDecrementsWithKeyAButIncrementsOnlyWithKeyB()
    {
        var card = PersonalisedSector1(new AccessConditions(0b110, 0b000, 0b000, 0b011));
        card.SetValueBlock(4, 100, 4);
        var reader = Activated(card);
        Assert.True(reader.AuthenticateA(card, 4, Keys.A));
        ReceptionAssert.Nibble(0x0A, reader.Command(0xC0, 4));
        Assert.Null(reader.Command(30, 0, 0, 0));
        Assert.Equal(100, Value(card, 4));
        ReceptionAssert.Nibble(0x0A, reader.Command(0xB0, 4));
        Assert.Equal(70, Value(card, 4));
        ReceptionAssert.Nibble(0x00, reader.Command(0xC1, 4));

        reader = Activated(card, reader);
        Assert.True(reader.AuthenticateB(card, 4, Keys.B));
        ReceptionAssert.Nibble(0x0A, reader.Command(0xC1, 4));
        Assert.Null(reader.Command(0x2C, 0x01, 0, 0));
        ReceptionAssert.Nibble(0x0A, reader.Command(0xB0, 4));
        Assert.Equal(70 + 300, Value(card, 4));
    }

    [Fact]
    public void NonRechargeableValueBlockRefusesIncrementAndWrite()
    {
        var card = PersonalisedSector1(new AccessConditions(0b001, 0b000, 0b000, 0b011));
        card.SetValueBlock(4, 10, 4);
        var reader = Activated(card);
        Assert.True(reader.AuthenticateB(card, 4, Keys.B));
        ReceptionAssert.Nibble(Nak, reader.Command(0xC1, 4));
        reader = Activated(card, reader);
        Assert.True(reader.AuthenticateB(card, 4, Keys.B));
        ReceptionAssert.Nibble(Nak, reader.Command(0xA0, 4));
    }

    [Fact]
    public void ValueOperationsOnANonValueBlockAreRefusedAtPart1()
    {
        var (card, reader) = Authenticated(MifareClassicCard.OneK(Uid4), 4);
        card.WriteBlock(5, Data);
        ReceptionAssert.Nibble(Nak, reader.Command(0xC0, 5));
        Assert.Equal(CardState.Idle, card.State);
    }

    [Fact]
    public void TornValueBlockFailsTheFormatCheck()
    {
        var (card, reader) = Authenticated(MifareClassicCard.OneK(Uid4), 4);
        var torn = ValueBlock.Encode(100, 5);
        torn[4] ^= 0x01;
        card.WriteBlock(5, torn);
        ReceptionAssert.Nibble(Nak, reader.Command(0xC2, 5));
    }

    [Fact]
    public void RestoreAndTransferCopyAValueToAnotherBlockKeepingTheSourceAddress()
    {
        var (card, reader) = Authenticated(MifareClassicCard.OneK(Uid4), 4);
        card.SetValueBlock(4, 1234, 4);
        ReceptionAssert.Nibble(0x0A, reader.Command(0xC2, 4));
        Assert.Null(reader.Command(0, 0, 0, 0));
        ReceptionAssert.Nibble(0x0A, reader.Command(0xB0, 6));
        Assert.Equal(ValueBlock.Encode(1234, 4), card.ReadBlock(6));
    }

    [Fact]
    public void TransferWithoutAValueOperationIsRefusedWithTheBufferInvalidNak()
    {
        var (card, reader) = Authenticated(MifareClassicCard.OneK(Uid4), 4);
        card.SetValueBlock(5, 1, 5);
        ReceptionAssert.Nibble(0x04, reader.Command(0xB0, 5));
    }

    [Fact]
    public void ValueOperationsOnTheTrailerAreRefused()
    {
        var (_, reader) = Authenticated(MifareClassicCard.OneK(Uid4), 4);
        ReceptionAssert.Nibble(Nak, reader.Command(0xC0, 7));
    }

    [Fact]
    public void AValidTransferBufferShowsInTheNakCode()
    {
        var (card, reader) = Authenticated(MifareClassicCard.OneK(Uid4), 4);
        card.SetValueBlock(5, 9, 5);
        reader.Command(0xC0, 5);
        reader.Command(1, 0, 0, 0);
        ReceptionAssert.Nibble(0x00, reader.Command(0xA0, 0));
    }

    [Fact]
    public void TrailerWriteChangesOnlyWhatTheKeyMayWrite()
    {
        // Trailer condition 100: key A and key B writable with key B, access bits read-only.
        var card = PersonalisedSector1(new AccessConditions(0b000, 0b000, 0b000, 0b100));
        var reader = Activated(card);
        Assert.True(reader.AuthenticateB(card, 7, Keys.B));
        var newTrailer = new byte[16];
        Array.Fill(newTrailer, (byte)0x5A);
        ReceptionAssert.Nibble(0x0A, reader.Command(0xA0, 7));
        ReceptionAssert.Nibble(0x0A, reader.Command(newTrailer));

        var stored = card.ReadBlock(7);
        Assert.Equal(newTrailer[..6], stored[..6]);
        Assert.Equal(new AccessConditions(0b000, 0b000, 0b000, 0b100).Encode(), stored[6..9]);
        Assert.Equal(newTrailer[10..], stored[10..]);
    }

    [Fact]
    public void TrailerWithNothingWritableRefusesWritePart1()
    {
        var card = PersonalisedSector1(new AccessConditions(0b000, 0b000, 0b000, 0b110));
        var reader = Activated(card);
        Assert.True(reader.AuthenticateA(card, 7, Keys.A));
        ReceptionAssert.Nibble(Nak, reader.Command(0xA0, 7));
    }

    [Fact]
    public void WritingInvalidAccessBitsBlocksTheSectorForGood()
    {
        var (card, reader) = Authenticated(MifareClassicCard.OneK(Uid4), 4);
        var trailer = card.ReadBlock(7);
        trailer[6] ^= 0x01;
        ReceptionAssert.Nibble(0x0A, reader.Command(0xA0, 7));
        ReceptionAssert.Nibble(0x0A, reader.Command(trailer));
        ReceptionAssert.Nibble(Nak, reader.Command(0x30, 4));

        Assert.False(card.TryGetAccessConditions(1, out _));
        reader = Activated(card, reader);
        Assert.False(reader.AuthenticateA(card, 4));
        reader = Activated(card, reader);
        Assert.True(reader.AuthenticateA(card, 8));
    }

    [Fact]
    public void FourKLargeSectorsHaveSixteenBlocksInThreeAccessGroupsOfFive()
    {
        var card = MifareClassicCard.FourK(Uid4);
        var layout = card.Layout;
        Assert.Equal(256, layout.BlockCount);
        Assert.Equal(40, layout.SectorCount);
        Assert.Equal(32, layout.SectorOf(128));
        Assert.Equal(143, layout.TrailerOf(32));
        Assert.Equal(255, layout.TrailerOf(39));
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3], Enumerable.Range(128, 16).Select(layout.AccessGroupOf));

        card.SetSectorTrailer(32, Keys.A, new AccessConditions(0b000, 0b010, 0b000, 0b001), Keys.B);
        var reader = Activated(card);
        Assert.True(reader.AuthenticateA(card, 130, Keys.A));
        ReceptionAssert.Nibble(0x0A, reader.Command(0xA0, 132));
        ReceptionAssert.Nibble(0x0A, reader.Command(Data));
        ReceptionAssert.Nibble(Nak, reader.Command(0xA0, 133));
        reader = Activated(card, reader);
        Assert.True(reader.AuthenticateA(card, 143, Keys.A));
        Assert.Equal(Data, reader.Read(132));
    }

    [Fact]
    public void SnapshotAndRestoreBringTheMemoryBack()
    {
        var (card, reader) = Authenticated(MifareClassicCard.OneK(Uid4), 4);
        var image = card.Snapshot();
        reader.Command(0xA0, 4);
        reader.Command(Data);
        Assert.Equal(Data, card.ReadBlock(4));
        card.Restore(image);
        Assert.Equal(new byte[16], card.ReadBlock(4));
        Assert.Throws<ArgumentException>(() => card.Restore(new byte[10]));
    }

    [Fact]
    public void TenByteUidsAreNotClassic() =>
        Assert.Throws<ArgumentException>(() => MifareClassicCard.OneK(PiccUid.Sequential(10, 1)));

    private static MifareClassicCard PersonalisedSector1(AccessConditions conditions)
    {
        var card = MifareClassicCard.OneK(Uid4);
        card.SetSectorTrailer(1, Keys.A, conditions, Keys.B);
        return card;
    }

    private static int Value(MifareClassicCard card, int block)
    {
        Assert.True(ValueBlock.TryDecode(card.ReadBlock(block), out int value, out _));
        return value;
    }

    /// <summary>A reader with the card selected; reusing <paramref name="reader"/> re-selects the card in it.</summary>
    private static TestReader Activated(MifareClassicCard card, TestReader? reader = null)
    {
        reader ??= new TestReader(card);
        reader.Crypto = false;
        reader.Field.FieldOn = false;
        reader.Field.FieldOn = true;
        Assert.Equal(card.Sak, reader.Activate());
        return reader;
    }

    private static (MifareClassicCard Card, TestReader Reader) Authenticated(MifareClassicCard card, byte block)
    {
        var reader = Activated(card);
        Assert.True(reader.AuthenticateA(card, block));
        return (card, reader);
    }
}
