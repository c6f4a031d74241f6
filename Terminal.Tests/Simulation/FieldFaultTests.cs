using Terminal.Simulation.Cards;
using Xunit;

namespace Terminal.Tests.Simulation;

/// <summary>Cards leaving the field at a chosen exchange: before it, or after committing it but before answering.</summary>
public sealed class FieldFaultTests
{
    private static readonly byte[] NewData = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];

    [Fact]
    public void EveryExchangeIsCountedAndAuthenticationCountsTwo()
    {
        var card = MifareClassicCard.OneK([0x11, 0x22, 0x33, 0x44]);
        var reader = new TestReader(card);
        Assert.Equal(0, reader.Field.ExchangeCount);
        reader.Activate();
        Assert.Equal(3, reader.Field.ExchangeCount);
        reader.AuthenticateA(card, 4);
        Assert.Equal(5, reader.Field.ExchangeCount);
        reader.Halt();
        Assert.Equal(6, reader.Field.ExchangeCount);
    }

    [Fact]
    public void ACardRemovedBeforeWritePart2NeverSeesTheData()
    {
        var (card, reader) = AuthenticatedOnBlock4();
        ReceptionAssert.Nibble(0x0A, reader.Command(0xA0, 4));
        reader.Field.RemoveBefore(reader.Field.ExchangeCount, card);

        Assert.Null(reader.Command(NewData));
        Assert.DoesNotContain(card, reader.Field.Cards);
        Assert.Equal(new byte[16], card.ReadBlock(4));
        Assert.Equal(CardState.Idle, card.State);
    }

    [Fact]
    public void ACardTornAtWritePart2HasCommittedButTheReaderHearsNothing()
    {
        var (card, reader) = AuthenticatedOnBlock4();
        reader.Command(0xA0, 4);
        reader.Field.TearAt(reader.Field.ExchangeCount, card);

        Assert.Null(reader.Command(NewData));
        Assert.DoesNotContain(card, reader.Field.Cards);
        Assert.Equal(NewData, card.ReadBlock(4));
        Assert.False(card.IsAuthenticated);
    }

    [Fact]
    public void TearingAtTransferCommitsTheValueRemovingBeforeItDoesNot()
    {
        foreach (bool tear in new[] { true, false })
        {
            var (card, reader) = AuthenticatedOnBlock4();
            card.SetValueBlock(5, 100, 5);
            ReceptionAssert.Nibble(0x0A, reader.Command(0xC0, 5));
            Assert.Null(reader.Command(30, 0, 0, 0));
            if (tear)
            {
                reader.Field.TearAt(reader.Field.ExchangeCount, card);
            }
            else
            {
                reader.Field.RemoveBefore(reader.Field.ExchangeCount, card);
            }

            Assert.Null(reader.Command(0xB0, 5));
            Assert.True(ValueBlock.TryDecode(card.ReadBlock(5), out int value, out _));
            Assert.Equal(tear ? 70 : 100, value);
        }
    }

    [Fact]
    public void ATearDuringTransferProgrammingLeavesAValueBlockThatFailsItsFormatCheck()
    {
        var (card, reader) = AuthenticatedOnBlock4();
        card.SetValueBlock(5, 100, 5);
        reader.Command(0xC0, 5);
        reader.Command(30, 0, 0, 0);
        reader.Field.TearDuringProgramming(reader.Field.ExchangeCount, card, 4);

        Assert.Null(reader.Command(0xB0, 5));
        Assert.DoesNotContain(card, reader.Field.Cards);
        var torn = card.ReadBlock(5);
        Assert.Equal(ValueBlock.Encode(70, 5)[..4], torn[..4]);
        Assert.Equal(ValueBlock.Encode(100, 5)[4..], torn[4..]);
        Assert.False(ValueBlock.TryDecode(torn, out _, out _));

        reader.Field.Enter(card);
        reader.Crypto = false;
        reader.Activate();
        Assert.True(reader.AuthenticateA(card, 4));
        ReceptionAssert.Nibble(0x04, reader.Command(0xC0, 5));
    }

    [Fact]
    public void ATearDuringWriteProgrammingChangesOnlyThePrefix()
    {
        var (card, reader) = AuthenticatedOnBlock4();
        reader.Command(0xA0, 4);
        reader.Field.TearDuringProgramming(reader.Field.ExchangeCount, card, 8);
        Assert.Null(reader.Command(NewData));
        Assert.Equal([.. NewData[..8], .. new byte[8]], card.ReadBlock(4));
    }

    [Fact]
    public void ATearDuringUltralightProgrammingChangesPartOfThePage()
    {
        var card = new UltralightCard([0x04, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06], UltralightType.Ultralight);
        var reader = new TestReader(card);
        reader.Activate();
        reader.Field.TearDuringProgramming(reader.Field.ExchangeCount, card, 2);
        Assert.Null(reader.Command(0xA2, 6, 9, 9, 9, 9));
        Assert.Equal(new byte[] { 9, 9, 0, 0 }, card.ReadPage(6));
    }

    [Fact]
    public void AnInterruptionThatFindsNoWriteIsForgottenWithThePower()
    {
        var (card, reader) = AuthenticatedOnBlock4();
        reader.Field.TearDuringProgramming(reader.Field.ExchangeCount, card, 0);
        Assert.Null(reader.Command(0x30, 4));
        reader.Field.Enter(card);
        reader.Crypto = false;
        reader.Activate();
        Assert.True(reader.AuthenticateA(card, 4));
        reader.Command(0xA0, 4);
        ReceptionAssert.Nibble(0x0A, reader.Command(NewData));
        Assert.Equal(NewData, card.ReadBlock(4));
    }

    [Fact]
    public void RemovingTheCardAtEitherAuthenticationPassFailsIt()
    {
        for (int pass = 0; pass < 2; pass++)
        {
            var card = MifareClassicCard.OneK([0x11, 0x22, 0x33, 0x44]);
            var reader = new TestReader(card);
            reader.Activate();
            reader.Field.RemoveBefore(reader.Field.ExchangeCount + pass, card);
            Assert.False(reader.AuthenticateA(card, 4));
            // With no nonce, MFAuthent never sends part 2.
            Assert.Equal(4 + pass, reader.Field.ExchangeCount);
            Assert.Empty(reader.Field.Cards);
        }
    }

    [Fact]
    public void FaultsFireOnceAndOnlyForTheirCard()
    {
        var first = new OtherTypeACard([0x11, 0x22, 0x33, 0x44]);
        var second = new OtherTypeACard([0x55, 0x66, 0x77, 0x08]);
        var reader = new TestReader(first, second);
        reader.Field.TearAt(0, first);

        Assert.Equal(-1, reader.Reqa()!.CollisionBit);
        Assert.Equal(new[] { second }, reader.Field.Cards);
        Assert.Equal(CardState.Ready, second.State);
        reader.Field.Enter(first);
        Assert.NotNull(reader.Reqa());
        Assert.Contains(first, reader.Field.Cards);
        Assert.Equal(CardState.Ready, first.State);
    }

    [Fact]
    public void FaultsCannotBePlannedInThePast()
    {
        var card = new OtherTypeACard([0x11, 0x22, 0x33, 0x44]);
        var reader = new TestReader(card);
        reader.Reqa();
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Field.TearAt(0, card));
    }

    [Fact]
    public void ACardCannotEnterTwice()
    {
        var card = new OtherTypeACard([0x11, 0x22, 0x33, 0x44]);
        var reader = new TestReader(card);
        Assert.Throws<InvalidOperationException>(() => reader.Field.Enter(card));
        Assert.True(reader.Field.Remove(card));
        Assert.False(reader.Field.Remove(card));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(16, 1)]
    public void FramesWhoseBitsDoNotFitTheirBytesAreRefused(int bits, int bytes)
    {
        var reader = new TestReader(new OtherTypeACard([0x11, 0x22, 0x33, 0x44]));
        Assert.Throws<ArgumentException>(() => reader.Send(TestReader.Bits(new byte[bytes], bits)));
        Assert.Equal(0, reader.Field.ExchangeCount);
    }

    private static (MifareClassicCard Card, TestReader Reader) AuthenticatedOnBlock4()
    {
        var card = MifareClassicCard.OneK([0x11, 0x22, 0x33, 0x44]);
        var reader = new TestReader(card);
        reader.Activate();
        Assert.True(reader.AuthenticateA(card, 4));
        return (card, reader);
    }
}
