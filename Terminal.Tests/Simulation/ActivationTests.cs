using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Terminal.Drivers.Iso14443;
using Terminal.Simulation.Cards;
using Terminal.Simulation.Rf;
using Xunit;

namespace Terminal.Tests.Simulation;

/// <summary>ISO 14443-3 activation driven frame by frame through the field.</summary>
public sealed class ActivationTests
{
    public static TheoryData<string, byte, byte> AtqaCases => new()
    {
        { "Classic 1K, 4-byte UID", 0x04, 0x08 },
        { "Classic 1K, 7-byte UID", 0x44, 0x08 },
        { "Classic 4K, 4-byte UID", 0x02, 0x18 },
        { "Classic 4K, 7-byte UID", 0x42, 0x18 },
        { "Ultralight", 0x44, 0x00 },
        { "10-byte UID card", 0x84, 0x20 },
    };

    [Theory]
    [MemberData(nameof(AtqaCases))]
    public void EachCardTypeAnswersItsAtqaAndFinalSak(string type, byte atqa0, byte sak)
    {
        var reader = new TestReader(MakeCard(type));
        var answer = reader.Wupa();
        Assert.NotNull(answer);
        Assert.Equal(16, answer.BitCount);
        Assert.Equal(new byte[] { atqa0, 0x00 }, answer.Data);
        Assert.Equal(sak, reader.SelectCascade());
    }

    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(10)]
    public void ActivationWalksTheCascadeLevelsOfEachUidLength(int uidLength)
    {
        var uid = PiccUid.Sequential(uidLength, 0x11);
        var card = new OtherTypeACard(uid);
        var reader = new TestReader(card);
        reader.Wupa();
        var levels = PiccUid.CascadeLevels(uid);
        Assert.Equal(uidLength switch { 4 => 1, 7 => 2, _ => 3 }, levels.Length);

        for (int level = 0; level < levels.Length; level++)
        {
            var uidCln = reader.Anticollision(level)!;
            Assert.Equal(40, uidCln.BitCount);
            Assert.Equal(levels[level], uidCln.Data);
            Assert.Equal(level < levels.Length - 1 ? (byte)0x88 : uid[^4], uidCln.Data[0]);
            Assert.Equal(uidCln.Data[0] ^ uidCln.Data[1] ^ uidCln.Data[2] ^ uidCln.Data[3], uidCln.Data[4]);

            var sak = reader.Select(level, uidCln.Data)!;
            Assert.Equal(24, sak.BitCount);
            Assert.Equal(level < levels.Length - 1, (sak.Data[0] & 0x04) != 0);
            Assert.Equal(level < levels.Length - 1 ? CardState.Ready : CardState.Active, card.State);
        }

        Assert.Equal(uid, levels.SelectMany(l => l[0] == 0x88 ? l[1..4] : l[..4]).ToArray());
    }

    [Property(MaxTest = 200)]
    public Property AnticollisionWithKnownBitsAnswersTheRemainingBitsMidByte()
    {
        return Prop.ForAll(Gen.Choose(0, 39).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (known, seed) =>
        {
            var uid = PiccUid.Random(4, new Random(seed));
            var level = PiccUid.CascadeLevels(uid)[0];
            var reader = new TestReader(new OtherTypeACard(uid));
            reader.Wupa();

            var frame = new byte[2 + (known + 7) / 8];
            frame[0] = 0x93;
            frame[1] = (byte)((2 + known / 8) << 4 | known % 8);
            CopyBits(level, 0, frame, 16, known);
            var answer = reader.Send(TestReader.Bits(frame, 16 + known));

            var expected = new byte[(40 - known + 7) / 8];
            CopyBits(level, known, expected, 0, 40 - known);
            return answer is not null && answer.BitCount == 40 - known && answer.CollisionBit == -1
                && answer.Data.AsSpan().SequenceEqual(expected);
        });
    }

    [Fact]
    public void KnownBitsThatDoNotMatchTheUidGetNoAnswer()
    {
        var reader = new TestReader(new OtherTypeACard([0x11, 0x22, 0x33, 0x44]));
        reader.Wupa();
        Assert.Null(reader.Send(TestReader.Bits([0x93, 0x30, 0x12], 24)));
        Assert.NotNull(reader.Send(TestReader.Bits([0x93, 0x30, 0x11], 24)));
    }

    [Fact]
    public void SelectWithABadCrcOrAnotherUidIsSilentAndTheCardStaysReady()
    {
        var card = new OtherTypeACard([0x11, 0x22, 0x33, 0x44]);
        var reader = new TestReader(card);
        reader.Wupa();
        var level = PiccUid.CascadeLevels(card.Uid)[0];

        var badCrc = TestReader.Crc(false, [0x93, 0x70, .. level]);
        badCrc.Data[^1] ^= 0x01;
        Assert.Null(reader.Send(badCrc));
        Assert.Null(reader.Select(0, [0x11, 0x22, 0x33, 0x45, 0x11 ^ 0x22 ^ 0x33 ^ 0x45]));
        Assert.Equal(CardState.Ready, card.State);
        Assert.NotNull(reader.Select(0, level));
        Assert.Equal(CardState.Active, card.State);
    }

    [Fact]
    public void HaltedCardAnswersOnlyWupa()
    {
        var card = new OtherTypeACard([0x11, 0x22, 0x33, 0x44]);
        var reader = new TestReader(card);
        reader.Activate();

        Assert.Null(reader.Halt());
        Assert.Equal(CardState.Halt, card.State);
        Assert.Null(reader.Reqa());
        Assert.Equal(CardState.Halt, card.State);
        Assert.NotNull(reader.Wupa());
        Assert.Equal(CardState.Ready, card.State);
    }

    [Fact]
    public void CardWokenFromHaltFallsBackToHaltOnAnError()
    {
        var card = new OtherTypeACard([0x11, 0x22, 0x33, 0x44]);
        var reader = new TestReader(card);
        reader.Activate();
        reader.Halt();
        reader.Wupa();

        Assert.Null(reader.Command(0x30, 0x00));
        Assert.Equal(CardState.Halt, card.State);
        Assert.Null(reader.Reqa());
    }

    [Theory]
    [InlineData(0x26)]
    [InlineData(0x52)]
    public void ActiveCardFallsSilentlyToIdleOnARequestSoPollingSeesItEverySecondTime(byte request)
    {
        var card = new OtherTypeACard([0x11, 0x22, 0x33, 0x44]);
        var reader = new TestReader(card);
        reader.Activate();
        Assert.Null(reader.Send(TestReader.ShortFrame(request)));
        Assert.Equal(CardState.Idle, card.State);
        Assert.NotNull(reader.Send(TestReader.ShortFrame(request)));
    }

    [Fact]
    public void ActiveCardFallsSilentlyToIdleOnAnticollision()
    {
        var card = new OtherTypeACard([0x11, 0x22, 0x33, 0x44]);
        var reader = new TestReader(card);
        reader.Activate();
        Assert.Null(reader.Anticollision(0));
        Assert.Equal(CardState.Idle, card.State);
    }

    [Fact]
    public void ReadyCardFallsSilentlyToIdleOnAnythingButItsAnticollisionOrSelect()
    {
        var card = new OtherTypeACard([0x11, 0x22, 0x33, 0x44]);
        var reader = new TestReader(card);
        reader.Reqa();
        Assert.Null(reader.Reqa());
        Assert.Equal(CardState.Idle, card.State);
        reader.Reqa();
        Assert.Null(reader.Halt());
        Assert.Equal(CardState.Idle, card.State);
    }

    [Fact]
    public void HaltWithABadCrcIsIgnored()
    {
        var card = new OtherTypeACard([0x11, 0x22, 0x33, 0x44]);
        var reader = new TestReader(card);
        reader.Activate();
        var halt = TestReader.Crc(false, 0x50, 0x00);
        halt.Data[2] ^= 0xFF;
        Assert.Null(reader.Send(halt));
        Assert.Equal(CardState.Active, card.State);
    }

    [Fact]
    public void IdleCardIgnoresEverythingButRequests()
    {
        var card = new OtherTypeACard([0x11, 0x22, 0x33, 0x44]);
        var reader = new TestReader(card);
        Assert.Null(reader.Anticollision(0));
        Assert.Null(reader.Halt());
        Assert.Equal(CardState.Idle, card.State);
        Assert.NotNull(reader.Reqa());
    }

    [Fact]
    public void SwitchingTheFieldOffResetsEveryCard()
    {
        var card = new OtherTypeACard([0x11, 0x22, 0x33, 0x44]);
        var reader = new TestReader(card);
        reader.Activate();
        reader.Halt();
        reader.Field.FieldOn = false;
        Assert.Equal(CardState.Idle, card.State);
        Assert.Null(reader.Reqa());
        reader.Field.FieldOn = true;
        Assert.NotNull(reader.Reqa());
    }

    [Theory]
    [InlineData(new byte[] { 0x88, 0x01, 0x02, 0x03 })]
    [InlineData(new byte[] { 0x01, 0x02, 0x03, 0x04, 0x05 })]
    public void InvalidUidsAreRefused(byte[] uid) =>
        Assert.Throws<ArgumentException>(() => new OtherTypeACard(uid));

    private static IVirtualCard MakeCard(string type) => type switch
    {
        "Classic 1K, 4-byte UID" => MifareClassicCard.OneK(PiccUid.Sequential(4, 0x21)),
        "Classic 1K, 7-byte UID" => MifareClassicCard.OneK(PiccUid.Sequential(7, 0x04)),
        "Classic 4K, 4-byte UID" => MifareClassicCard.FourK(PiccUid.Sequential(4, 0x21)),
        "Classic 4K, 7-byte UID" => MifareClassicCard.FourK(PiccUid.Sequential(7, 0x04)),
        "Ultralight" => new UltralightCard(PiccUid.Sequential(7, 0x04), UltralightType.Ultralight),
        _ => new OtherTypeACard(PiccUid.Sequential(10, 0x04)),
    };

    private static void CopyBits(byte[] from, int fromBit, byte[] to, int toBit, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if ((from[(fromBit + i) / 8] >> ((fromBit + i) % 8) & 1) == 1)
            {
                to[(toBit + i) / 8] |= (byte)(1 << ((toBit + i) % 8));
            }
        }
    }
}
