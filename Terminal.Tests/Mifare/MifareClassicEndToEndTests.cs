using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Mifare;
using Terminal.Drivers.Reader;
using Terminal.Tests.Iso14443;
using Xunit;
using static Terminal.Tests.Mifare.ClassicCards;
using SimCards = Terminal.Simulation.Cards;

namespace Terminal.Tests.Mifare;

/// <summary>MIFARE Classic commands through the driver, the chip model and a virtual card that enforces access conditions.</summary>
public sealed class MifareClassicEndToEndTests
{
    private static readonly byte[] Pattern = Enumerable.Range(0x10, 16).Select(i => (byte)i).ToArray();

    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    public void WritesAndReadsBackABlockOnAFactoryCard(int uidLength)
    {
        var card = SimCards.MifareClassicCard.OneK(uidLength == 4 ? Uid4 : Uid7);
        var stack = new ReaderStack(card);
        stack.DetectOk();
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Authenticate(MifareKeyType.A, 8, FactoryKey, 0, stack.Card.Uid));
        Assert.Equal(ReaderStatus.Ok, stack.Classic.WriteBlock(9, Pattern, 0));
        var read = new byte[16];
        Assert.Equal(ReaderStatus.Ok, stack.Classic.ReadBlock(9, read, 0));
        Assert.Equal(Pattern, read);
        Assert.Equal(Pattern, card.ReadBlock(9));
    }

    [Fact]
    public void AWrongKeyFailsAndTheSameCardIsSelectedAgainForTheRightOne()
    {
        var stack = new ReaderStack(Purse());
        stack.DetectOk();
        Assert.Equal(ReaderStatus.AuthFailed, stack.Classic.Authenticate(MifareKeyType.A, PurseBlock, FactoryKey, 0, stack.Card.Uid));
        Assert.Equal(ReaderStatus.Ok, stack.Reader.Reselect(stack.Card));
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Authenticate(MifareKeyType.A, PurseBlock, KeyA, 0, stack.Card.Uid));
        var read = new byte[16];
        Assert.Equal(ReaderStatus.Ok, stack.Classic.ReadBlock(DataBlock, read, 0));
    }

    [Fact]
    public void AuthenticationToAVanishedCardFailsAndReselectSaysItIsGone()
    {
        var card = Purse();
        var stack = new ReaderStack(card);
        stack.DetectOk();
        stack.Field.Remove(card);
        Assert.Equal(ReaderStatus.AuthFailed, stack.Classic.Authenticate(MifareKeyType.A, PurseBlock, KeyA, 0, stack.Card.Uid));
        Assert.Equal(ReaderStatus.CardGone, stack.Reader.Reselect(stack.Card));
    }

    [Fact]
    public void EveryCommandToACardThatLeftAfterAuthenticationIsCardGone()
    {
        var card = Purse();
        var stack = Authenticated(card, MifareKeyType.B);
        stack.Field.Remove(card);
        Assert.Equal(ReaderStatus.CardGone, stack.Classic.ReadBlock(DataBlock, new byte[16], 0));
        Assert.Equal(ReaderStatus.CardGone, stack.Classic.WriteBlock(DataBlock, Pattern, 0));
        Assert.Equal(ReaderStatus.CardGone, stack.Classic.Decrement(PurseBlock, 1));
        Assert.Equal(ReaderStatus.CardGone, stack.Classic.Increment(PurseBlock, 1));
        Assert.Equal(ReaderStatus.CardGone, stack.Classic.Restore(PurseBlock));
        Assert.Equal(ReaderStatus.CardGone, stack.Classic.Transfer(PurseBlock));
    }

    [Fact]
    public void ACorruptedAnswerIsACrcError()
    {
        var stack = Authenticated(Purse(), MifareKeyType.A);
        stack.Chip.FailParityOfNextReception();
        Assert.Equal(ReaderStatus.CrcError, stack.Classic.ReadBlock(DataBlock, new byte[16], 0));
    }

    [Fact]
    public void ReadingOutsideTheAuthenticatedSectorIsRefused()
    {
        var stack = Authenticated(Purse(), MifareKeyType.A);
        Assert.Equal(ReaderStatus.Nak, stack.Classic.ReadBlock(8, new byte[16], 0));
    }

    [Fact]
    public void WritingWithAKeyTheAccessConditionsDoNotAllowIsRefusedAndChangesNothing()
    {
        var card = Purse();
        var stack = Authenticated(card, MifareKeyType.A);
        Assert.Equal(ReaderStatus.Nak, stack.Classic.WriteBlock(DataBlock, Pattern, 0));
        Assert.NotEqual(Pattern, card.ReadBlock(DataBlock));
    }

    [Fact]
    public void WritingAReadOnlyBlockIsRefused()
    {
        var card = SimCards.MifareClassicCard.OneK(Uid4);
        card.SetSectorTrailer(2, KeyA, new SimCards.AccessConditions(AccessCondition.DataReadOnly, 0, 0, AccessCondition.TrailerKeyBManaged), KeyB);
        var stack = new ReaderStack(card);
        stack.DetectOk();
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Authenticate(MifareKeyType.B, 8, KeyB, 0, stack.Card.Uid));
        Assert.Equal(ReaderStatus.Nak, stack.Classic.WriteBlock(8, Pattern, 0));
        Assert.Equal(new byte[16], card.ReadBlock(8));
    }

    [Fact]
    public void TheManufacturerBlockIsReadOnly()
    {
        var card = SimCards.MifareClassicCard.OneK(Uid4);
        var stack = new ReaderStack(card);
        stack.DetectOk();
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Authenticate(MifareKeyType.A, 0, FactoryKey, 0, stack.Card.Uid));
        var block0 = new byte[16];
        Assert.Equal(ReaderStatus.Ok, stack.Classic.ReadBlock(0, block0, 0));
        Assert.Equal(Uid4, block0[..4]);
        Assert.Equal(CascadeLevels.Bcc(Uid4, 0), block0[4]);
        Assert.Equal(ReaderStatus.Nak, stack.Classic.WriteBlock(0, Pattern, 0));
    }

    [Fact]
    public void KeyBCannotBeUsedWhileTheTrailerLeavesItReadable()
    {
        var stack = new ReaderStack(SimCards.MifareClassicCard.OneK(Uid4));
        stack.DetectOk();
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Authenticate(MifareKeyType.B, 4, FactoryKey, 0, stack.Card.Uid));
        Assert.Equal(ReaderStatus.Nak, stack.Classic.ReadBlock(4, new byte[16], 0));
    }

    [Fact]
    public void IncrementNeedsKeyBOnARechargeablePurseButDecrementDoesNot()
    {
        var card = Purse();
        var stack = Authenticated(card, MifareKeyType.A);
        Assert.Equal(ReaderStatus.Nak, stack.Classic.Increment(PurseBlock, 10));
        Assert.Equal(ReaderStatus.Ok, stack.Reader.Reselect(stack.Card));
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Authenticate(MifareKeyType.A, PurseBlock, KeyA, 0, stack.Card.Uid));
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Decrement(PurseBlock, 10));
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Transfer(PurseBlock));
        Assert.Equal(Balance - 10, ValueOf(card.ReadBlock(PurseBlock)));
    }

    [Fact]
    public void DecrementWithKeyBIsRefusedWhileTheTrailerLeavesKeyBReadable()
    {
        var card = SimCards.MifareClassicCard.OneK(Uid4);
        card.SetSectorTrailer(1, FactoryKey, new SimCards.AccessConditions(AccessCondition.ValueRechargeable, 0, 0, AccessCondition.TrailerTransport), FactoryKey);
        card.SetValueBlock(PurseBlock, Balance, PurseBlock);
        var stack = new ReaderStack(card);
        stack.DetectOk();
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Authenticate(MifareKeyType.B, PurseBlock, FactoryKey, 0, stack.Card.Uid));
        Assert.Equal(ReaderStatus.Nak, stack.Classic.Decrement(PurseBlock, 1));
        Assert.Equal(ReaderStatus.Ok, stack.Reader.Reselect(stack.Card));
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Authenticate(MifareKeyType.A, PurseBlock, FactoryKey, 0, stack.Card.Uid));
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Decrement(PurseBlock, 1));
    }

    [Fact]
    public void DecrementIsRefusedWhereTheConditionGrantsOnlyReading()
    {
        // 010 (read-only): neither key may decrement, although key A may read.
        var card = SimCards.MifareClassicCard.OneK(Uid4);
        card.SetSectorTrailer(3, KeyA, new SimCards.AccessConditions(AccessCondition.DataReadOnly, 0, 0, AccessCondition.TrailerKeyBManaged), KeyB);
        card.SetValueBlock(12, 50, 12);
        var stack = new ReaderStack(card);
        stack.DetectOk();
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Authenticate(MifareKeyType.A, 12, KeyA, 0, stack.Card.Uid));
        Assert.Equal(ReaderStatus.Ok, stack.Classic.ReadBlock(12, new byte[16], 0));
        Assert.Equal(ReaderStatus.Nak, stack.Classic.Decrement(12, 1));
    }

    [Fact]
    public void ValueOperationsOnABlockThatIsNotAValueBlockAreRefused()
    {
        var stack = Authenticated(Purse(), MifareKeyType.B);
        Assert.Equal(ReaderStatus.Nak, stack.Classic.Decrement(DataBlock, 1));
    }

    [Fact]
    public void ValueBlockOperationsRoundTrip()
    {
        var card = Purse();
        var stack = Authenticated(card, MifareKeyType.B);
        var classic = stack.Classic;
        Assert.Equal(ReaderStatus.Ok, classic.Decrement(PurseBlock, 30));
        Assert.Equal(ReaderStatus.Ok, classic.Transfer(PurseBlock));
        Assert.Equal(ReaderStatus.Ok, classic.Increment(PurseBlock, 55));
        Assert.Equal(ReaderStatus.Ok, classic.Transfer(PurseBlock));
        Assert.Equal(ReaderStatus.Ok, classic.Restore(PurseBlock));
        Assert.Equal(ReaderStatus.Ok, classic.Transfer(BackupBlock));

        var read = new byte[16];
        Assert.Equal(ReaderStatus.Ok, classic.ReadBlock(PurseBlock, read, 0));
        Assert.True(ValueBlock.TryDecode(read, 0, out var value, out var address));
        Assert.Equal(Balance - 30 + 55, value);
        Assert.Equal(PurseBlock, address);
        Assert.Equal(ReaderStatus.Ok, classic.ReadBlock(BackupBlock, read, 0));
        Assert.Equal(Balance - 30 + 55, ValueOf(read));
    }

    [Fact]
    public void AValueWrittenWithTheDriversCodecIsAValueBlockToTheCard()
    {
        var card = Purse();
        var stack = Authenticated(card, MifareKeyType.B);
        var block = new byte[16];
        ValueBlock.Encode(-7, BackupBlock, block, 0);
        Assert.Equal(ReaderStatus.Ok, stack.Classic.WriteBlock(BackupBlock, block, 0));
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Increment(BackupBlock, 10));
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Transfer(BackupBlock));
        Assert.Equal(3, ValueOf(card.ReadBlock(BackupBlock)));
    }

    [Fact]
    public void ADecrementWithoutTransferChangesNothing()
    {
        var card = Purse();
        var stack = Authenticated(card, MifareKeyType.A);
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Decrement(PurseBlock, 40));
        Assert.Equal(ReaderStatus.Ok, stack.Reader.HaltA());
        Assert.Equal(Balance, ValueOf(card.ReadBlock(PurseBlock)));
    }

    [Fact]
    public void ValueOperationsCostMillisecondsNotTheChipsDefaultTimeout()
    {
        var stack = Authenticated(Purse(), MifareKeyType.A);
        var before = stack.Clock.MonotonicMicroseconds;
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Decrement(PurseBlock, 1));
        Assert.InRange(stack.Clock.MonotonicMicroseconds - before, 1000, 4000);
    }

    [Fact]
    public void AWholeFareTapFitsInTwentyFiveMilliseconds()
    {
        // Air time floor about 17-18 ms; with the chip's 25 ms default on HLTA and DECREMENT part 2 it would exceed 65 ms.
        var stack = new ReaderStack(Purse(Uid7));
        var start = stack.Clock.MonotonicMicroseconds;
        stack.DetectOk();
        var block = new byte[16];
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Authenticate(MifareKeyType.A, PurseBlock, KeyA, 0, stack.Card.Uid));
        Assert.Equal(ReaderStatus.Ok, stack.Classic.ReadBlock(PurseBlock, block, 0));
        Assert.Equal(ReaderStatus.Ok, stack.Classic.ReadBlock(DataBlock, block, 0));
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Decrement(PurseBlock, 1));
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Transfer(PurseBlock));
        Assert.Equal(ReaderStatus.Ok, stack.Reader.HaltA());
        Assert.InRange(stack.Clock.MonotonicMicroseconds - start, 15_000, 25_000);
    }

    [Fact]
    public void HaltAfterAuthenticationGoesOutEncryptedThenCrypto1IsTurnedOff()
    {
        var stack = Authenticated(Purse(), MifareKeyType.A);
        Assert.True(stack.Chip.Crypto1On);
        Assert.Equal(ReaderStatus.Ok, stack.Reader.HaltA());
        Assert.False(stack.Chip.Crypto1On);

        // Halted, not merely dropped to IDLE: REQA finds nothing, WUPA finds the card.
        Assert.Equal(ReaderStatus.Timeout, stack.Reader.RequestA(stack.Card));
        stack.DetectOk();
        Assert.Equal(Uid4, stack.SelectedUid);
    }

    [Fact]
    public void PersonalisesASectorWithTheTrailerCodec()
    {
        var card = SimCards.MifareClassicCard.OneK(Uid7);
        var stack = new ReaderStack(card);
        stack.DetectOk();
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Authenticate(MifareKeyType.A, 11, FactoryKey, 0, stack.Card.Uid));
        int[] conditions = [AccessCondition.ValueRechargeable, AccessCondition.ValueDebitOnly, AccessCondition.DataReadOnly, AccessCondition.TrailerKeyBManaged];
        var trailer = new byte[16];
        SectorTrailer.Build(KeyA, 0, conditions, 0x00, KeyB, 0, trailer, 0);
        Assert.Equal(ReaderStatus.Ok, stack.Classic.WriteBlock((byte)ClassicLayout.TrailerOf(2), trailer, 0));
        Assert.Equal(ReaderStatus.Ok, stack.Reader.HaltA());

        Assert.True(card.TryGetAccessConditions(2, out var stored));
        Assert.Equal(new SimCards.AccessConditions(6, 1, 2, 3), stored);
        stack.DetectOk();
        Assert.Equal(ReaderStatus.AuthFailed, stack.Classic.Authenticate(MifareKeyType.A, 8, FactoryKey, 0, stack.Card.Uid));
        Assert.Equal(ReaderStatus.Ok, stack.Reader.Reselect(stack.Card));
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Authenticate(MifareKeyType.B, 8, KeyB, 0, stack.Card.Uid));
        var read = new byte[16];
        Assert.Equal(ReaderStatus.Ok, stack.Classic.ReadBlock((byte)ClassicLayout.TrailerOf(2), read, 0));
        var decoded = new int[4];
        Assert.True(SectorTrailer.TryReadConditions(read, 0, decoded));
        Assert.Equal(conditions, decoded);
    }

    [Fact]
    public void AccessGroupsOfA4KLargeSectorCoverFiveBlocksEach()
    {
        const int sector = 36;
        var card = SimCards.MifareClassicCard.FourK(Uid4);
        card.SetSectorTrailer(sector, KeyA, new SimCards.AccessConditions(0, AccessCondition.DataReadOnly, 0, AccessCondition.TrailerKeyBManaged), KeyB);
        var first = ClassicLayout.FirstBlockOf(sector);
        var stack = new ReaderStack(card);
        stack.DetectOk();
        Assert.Equal(CardType.MifareClassic4K, stack.Card.Type);
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Authenticate(MifareKeyType.B, (byte)first, KeyB, 0, stack.Card.Uid));
        Assert.Equal(ReaderStatus.Ok, stack.Classic.WriteBlock((byte)(first + 4), Pattern, 0));
        foreach (var offset in new[] { 5, 9 })
        {
            Assert.Equal(1, ClassicLayout.AccessGroupOf(first + offset));
            Assert.Equal(ReaderStatus.Nak, stack.Classic.WriteBlock((byte)(first + offset), Pattern, 0));
            Assert.Equal(ReaderStatus.Ok, stack.Reader.Reselect(stack.Card));
            Assert.Equal(ReaderStatus.Ok, stack.Classic.Authenticate(MifareKeyType.B, (byte)first, KeyB, 0, stack.Card.Uid));
        }

        Assert.Equal(ReaderStatus.Ok, stack.Classic.WriteBlock((byte)(first + 10), Pattern, 0));
        Assert.Equal(Pattern, card.ReadBlock(first + 10));
    }

    internal static ReaderStack Authenticated(SimCards.MifareClassicCard card, MifareKeyType key)
    {
        var stack = new ReaderStack(card);
        stack.DetectOk();
        Assert.Equal(ReaderStatus.Ok, stack.Classic.Authenticate(key, PurseBlock, ClassicCards.Key(key), 0, stack.Card.Uid));
        return stack;
    }

    private static int ValueOf(byte[] block)
    {
        Assert.True(ValueBlock.TryDecode(block, 0, out var value, out _));
        return value;
    }
}
