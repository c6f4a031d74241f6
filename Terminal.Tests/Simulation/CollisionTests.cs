using Terminal.Simulation.Cards;
using Terminal.Simulation.Rf;
using Xunit;

namespace Terminal.Tests.Simulation;

/// <summary>Several cards answering at once: the receiver flags the first bit they disagree on.</summary>
public sealed class CollisionTests
{
    [Fact]
    public void CardsWithTheSameAtqaDoNotCollide()
    {
        var reader = new TestReader(MifareClassicCard.OneK([0x11, 0x22, 0x33, 0x44]), MifareClassicCard.OneK([0x55, 0x66, 0x77, 0x08]));
        var atqa = reader.Reqa()!;
        Assert.Equal(-1, atqa.CollisionBit);
        Assert.Equal(new byte[] { 0x04, 0x00 }, atqa.Data);
    }

    [Fact]
    public void OneKAndFourKCollideOnTheAtqaBitsTheyDisagreeOn()
    {
        // 04 00 against 02 00: bit 1 is the first that differs.
        var reader = new TestReader(MifareClassicCard.OneK([0x11, 0x22, 0x33, 0x44]), MifareClassicCard.FourK([0x55, 0x66, 0x77, 0x08]));
        Assert.Equal(1, reader.Reqa()!.CollisionBit);
    }

    [Fact]
    public void TwoCardsCollideOnTheFirstDifferingUidBitAndTheReaderResolvesIt()
    {
        // 0x44 = 0100_0100 and 0x4C = 0100_1100 differ first at bit 3 of byte 3: bit 27.
        var first = new OtherTypeACard([0x11, 0x22, 0x33, 0x44]);
        var second = new OtherTypeACard([0x11, 0x22, 0x33, 0x4C]);
        var reader = new TestReader(first, second);
        reader.Reqa();

        var answer = reader.Anticollision(0)!;
        Assert.Equal(27, answer.CollisionBit);
        Assert.Equal(40, answer.BitCount);
        Assert.Equal(new byte[] { 0x11, 0x22, 0x33 }, answer.Data[..3]);

        // Known bits 0..27 with the collided bit set to 1: only the second card matches.
        var known = new byte[] { 0x93, 0x54, 0x11, 0x22, 0x33, 0x0C };
        var rest = reader.Send(TestReader.Bits(known, 16 + 28))!;
        Assert.Equal(-1, rest.CollisionBit);
        Assert.Equal(12, rest.BitCount);
        Assert.NotNull(reader.Select(0, PiccUid.CascadeLevels(second.Uid)[0]));
        Assert.Equal(CardState.Active, second.State);
        Assert.Equal(CardState.Ready, first.State);
    }

    [Fact]
    public void ThreeCardsReportTheEarliestDisagreementAmongAllOfThem()
    {
        // Against 0x11 0x22: 0x13 differs at bit 1, 0x22 → 0x26 at bit 10. The earliest, bit 1, wins.
        var reader = new TestReader(
            new OtherTypeACard([0x11, 0x22, 0x33, 0x44]),
            new OtherTypeACard([0x11, 0x26, 0x33, 0x44]),
            new OtherTypeACard([0x13, 0x22, 0x33, 0x44]));
        reader.Reqa();
        Assert.Equal(1, reader.Anticollision(0)!.CollisionBit);

        // With the first byte known as 0x11, the two left collide at bit 10 of the UID, which is bit 2 of the answer.
        var answer = reader.Send(TestReader.Bits([0x93, 0x30, 0x11], 24))!;
        Assert.Equal(32, answer.BitCount);
        Assert.Equal(2, answer.CollisionBit);
    }

    [Fact]
    public void SevenByteUidCardsCollideAtTheSecondCascadeLevelOnly()
    {
        var first = new OtherTypeACard([0x04, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60]);
        var second = new OtherTypeACard([0x04, 0x10, 0x20, 0x31, 0x40, 0x50, 0x60]);
        var reader = new TestReader(first, second);
        reader.Reqa();

        var level1 = reader.Anticollision(0)!;
        Assert.Equal(-1, level1.CollisionBit);
        Assert.Equal(0x04, reader.Select(0, level1.Data)!.Data[0]);
        Assert.Equal(0, reader.Anticollision(1)!.CollisionBit);
    }

    [Fact]
    public void AnAnswerStartingMidFrameCorruptsItFromWhereItStarts()
    {
        var reader = new TestReader(new FixedAnswerCard([0xFF, 0xFF], 16, 100), new FixedAnswerCard([0xFF, 0xFF], 16, 100 + 5 * 9 + 1));
        var answer = reader.Send(TestReader.ShortFrame(0x26))!;
        Assert.Equal(16, answer.BitCount);
        Assert.InRange(answer.CollisionBit, 3, 6);
    }

    [Fact]
    public void AnAnswerAfterTheTimeoutIsNotHeard()
    {
        var reader = new TestReader(new FixedAnswerCard([0xFF], 8, TestReader.TimeoutMicroseconds + 1));
        Assert.Null(reader.Reqa());
    }

    /// <summary>A card that answers every frame with the same bits after a chosen delay.</summary>
    private sealed class FixedAnswerCard(byte[] data, int bits, int latency) : IVirtualCard
    {
        public byte[] Uid => [0x01, 0x02, 0x03, 0x04];

        public CardReply? Receive(ReaderFrame frame) => new(data, bits, latency);

        public bool Authenticate(byte keyCommand, byte block, byte[] key, byte[] uid4) => false;

        public void PowerOff()
        {
        }
    }
}
