using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Terminal.Firmware.Card;
using Xunit;

namespace Terminal.Tests.Card;

public sealed class PurseCodecTests
{
    private static readonly CardFixture Card = new(CardFixture.RandomUid(7));

    public static Arbitrary<PurseState> States() => (
            from balance in Gen.Choose(PurseCodec.MinBalance, PurseCodec.MaxBalance)
            from counter in Gen.Choose(0, 255)
            from time in Gen.Choose(0, int.MaxValue)
            from transfers in Gen.Choose(0, PurseCodec.MaxTransfers)
            from tag in Gen.Choose(0, 0xFFFF)
            from today in Gen.Choose(0, 0xFFFF)
            select new PurseState
            {
                Balance = balance,
                Counter = counter,
                LastTapUnixSeconds = time % 3 == 0 ? 0 : CardLayout.EpochUnixSeconds + 1 + time % PurseCodec.MaxTimeOffset,
                TransfersUsed = transfers,
                LastTerminalTag = tag,
                ChargedToday = today,
            })
        .ToArbitrary();

    [Property(Arbitrary = [typeof(PurseCodecTests)])]
    public bool EveryStateRoundTrips(PurseState state)
    {
        var block = new byte[16];
        var decoded = new PurseState();
        return Card.Purse.Encode(state, Card.Keys, Card.Uid, Card.Uid.Length, block, 0) == CardRecordStatus.Ok
            && Card.Purse.Decode(block, 0, Card.Keys, Card.Uid, Card.Uid.Length, decoded) == CardRecordStatus.Ok
            && decoded.SameAs(state);
    }

    [Property(Arbitrary = [typeof(PurseCodecTests)])]
    public bool AnyEditedBitIsRefused(PurseState state, byte bit)
    {
        var block = new byte[16];
        Card.Purse.Encode(state, Card.Keys, Card.Uid, Card.Uid.Length, block, 0);
        block[bit % 128 / 8] ^= (byte)(1 << (bit % 8));
        var status = Card.Purse.Decode(block, 0, Card.Keys, Card.Uid, Card.Uid.Length, new PurseState());
        return status is CardRecordStatus.BadMac or CardRecordStatus.Blank;
    }

    [Fact]
    public void ABalanceRaisedWithAnotherReaderIsRefused()
    {
        var block = Encode(new PurseState { Balance = 150, Counter = 3 });
        block[0] = 0x10;
        block[1] = 0x27;
        Assert.Equal(CardRecordStatus.BadMac, Card.Purse.Decode(block, 0, Card.Keys, Card.Uid, Card.Uid.Length, new PurseState()));
    }

    [Fact]
    public void APurseCopiedToAnotherCardIsRefusedThere()
    {
        var block = Encode(new PurseState { Balance = 5000, Counter = 9 });
        var other = new CardFixture(CardFixture.RandomUid(7));
        Assert.Equal(CardRecordStatus.BadMac, other.Purse.Decode(block, 0, other.Keys, other.Uid, other.Uid.Length, new PurseState()));
    }

    [Fact]
    public void AnAllZeroBlockIsBlankNotForged() =>
        Assert.Equal(CardRecordStatus.Blank, Card.Purse.Decode(new byte[16], 0, Card.Keys, Card.Uid, Card.Uid.Length, new PurseState()));

    [Theory]
    [InlineData(PurseCodec.MaxBalance + 1, 0, 0, 0)]
    [InlineData(PurseCodec.MinBalance - 1, 0, 0, 0)]
    [InlineData(0, 256, 0, 0)]
    [InlineData(0, 0, PurseCodec.MaxTransfers + 1, 0)]
    [InlineData(0, 0, 0, 0x10000)]
    public void FieldsThatDoNotFitAreRefusedAndNothingIsWritten(int balance, int counter, int transfers, int today)
    {
        var block = new byte[16];
        var state = new PurseState { Balance = balance, Counter = counter, TransfersUsed = transfers, ChargedToday = today };
        Assert.Equal(CardRecordStatus.OutOfRange, Card.Purse.Encode(state, Card.Keys, Card.Uid, Card.Uid.Length, block, 0));
        Assert.All(block, b => Assert.Equal(0, b));
    }

    [Fact]
    public void ATimeBeforeTheCardEpochIsOutOfRange() =>
        Assert.Equal(CardRecordStatus.OutOfRange, Card.Purse.Encode(
            new PurseState { LastTapUnixSeconds = CardLayout.EpochUnixSeconds - 1 }, Card.Keys, Card.Uid, Card.Uid.Length, new byte[16], 0));

    [Fact]
    public void EncodingAllocatesNothing()
    {
        var block = new byte[16];
        var state = new PurseState { Balance = 1234, Counter = 7, LastTapUnixSeconds = CardLayout.EpochUnixSeconds + 99, ChargedToday = 250 };
        var decoded = new PurseState();
        var codec = Card.Purse;
        codec.Encode(state, Card.Keys, Card.Uid, Card.Uid.Length, block, 0);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            codec.Encode(state, Card.Keys, Card.Uid, Card.Uid.Length, block, 0);
            codec.Decode(block, 0, Card.Keys, Card.Uid, Card.Uid.Length, decoded);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static byte[] Encode(PurseState state)
    {
        var block = new byte[16];
        Assert.Equal(CardRecordStatus.Ok, Card.Purse.Encode(state, Card.Keys, Card.Uid, Card.Uid.Length, block, 0));
        return block;
    }
}
