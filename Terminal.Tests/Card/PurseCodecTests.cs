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
            from counter in Gen.Choose(0, 0xFFFF)
            from boarding in Gen.Choose(0, int.MaxValue)
            from journeyAge in Gen.Choose(0, PurseCodec.NoJourney - 1)
            from u16 in Gen.ArrayOf(Gen.Choose(0, 0xFFFF), 4)
            from zone in Gen.Choose(0, 255)
            from transfers in Gen.Choose(0, 255)
            from terminal in Gen.Choose(0, int.MaxValue)
            select Purse(balance, counter, boarding % 5 == 0 ? 0 : CardLayout.EpochUnixSeconds + 1 + boarding, journeyAge, u16, zone, transfers, terminal))
        .ToArbitrary();

    private static PurseState Purse(int balance, int counter, long boarding, int journeyAge, int[] u16, int zone, int transfers, int terminal)
    {
        var purse = new PurseState { Counter = counter };
        var trip = purse.Trip;
        trip.Balance = balance;
        trip.LastBoardingTime = boarding;
        trip.JourneyStartTime = boarding == 0 || journeyAge % 7 == 0 ? 0 : boarding - journeyAge;
        trip.JourneyFare = u16[0];
        trip.ServiceDay = u16[1];
        trip.ChargedToday = u16[2];
        trip.LastRouteId = u16[3];
        trip.LastZone = zone;
        trip.TransfersUsed = transfers;
        trip.LastTerminalId = terminal;
        return purse;
    }

    [Property(Arbitrary = [typeof(PurseCodecTests)])]
    public bool EveryStateRoundTrips(PurseState state)
    {
        var block = new byte[CardLayout.PurseSize];
        var decoded = new PurseState();
        return Card.Purse.Encode(state, Card.Keys, Card.Uid, Card.Uid.Length, block, 0) == CardRecordStatus.Ok
            && Card.Purse.Decode(block, 0, Card.Keys, Card.Uid, Card.Uid.Length, decoded) == CardRecordStatus.Ok
            && decoded.SameAs(state);
    }

    [Property(Arbitrary = [typeof(PurseCodecTests)])]
    public bool AnyEditedBitIsRefused(PurseState state, int bit)
    {
        var block = new byte[CardLayout.PurseSize];
        Card.Purse.Encode(state, Card.Keys, Card.Uid, Card.Uid.Length, block, 0);
        block[(bit & 0xFFFF) % CardLayout.PurseSize] ^= (byte)(1 << ((bit >> 16) & 7));
        var status = Card.Purse.Decode(block, 0, Card.Keys, Card.Uid, Card.Uid.Length, new PurseState());
        return status is CardRecordStatus.BadMac or CardRecordStatus.Blank;
    }

    [Fact]
    public void ABalanceRaisedWithAnotherReaderIsRefused()
    {
        var block = Encode(Purse(150, 3, CardLayout.EpochUnixSeconds + 500, 0, [0, 0, 0, 0], 0, 0, 1));
        block[0] = 0x10;
        block[1] = 0x27;
        Assert.Equal(CardRecordStatus.BadMac, Card.Purse.Decode(block, 0, Card.Keys, Card.Uid, Card.Uid.Length, new PurseState()));
    }

    [Fact]
    public void APurseCopiedToAnotherCardIsRefusedThere()
    {
        var block = Encode(Purse(5000, 9, 0, 0, [0, 0, 0, 0], 0, 0, 0));
        var other = new CardFixture(CardFixture.RandomUid(7));
        Assert.Equal(CardRecordStatus.BadMac, other.Purse.Decode(block, 0, other.Keys, other.Uid, other.Uid.Length, new PurseState()));
    }

    [Fact]
    public void AnAllZeroBlockIsBlankNotForged() =>
        Assert.Equal(CardRecordStatus.Blank, Card.Purse.Decode(new byte[CardLayout.PurseSize], 0, Card.Keys, Card.Uid, Card.Uid.Length, new PurseState()));

    [Theory]
    [InlineData(PurseCodec.MaxBalance + 1, 0, 0, 0)]
    [InlineData(PurseCodec.MinBalance - 1, 0, 0, 0)]
    [InlineData(0, 0x10000, 0, 0)]
    [InlineData(0, 0, 256, 0)]
    [InlineData(0, 0, 0, 0x10000)]
    public void FieldsThatDoNotFitAreRefusedAndNothingIsWritten(int balance, int counter, int transfers, int today)
    {
        var block = new byte[CardLayout.PurseSize];
        var purse = Purse(balance, counter, 0, 0, [0, 0, today, 0], 0, transfers, 0);
        Assert.Equal(CardRecordStatus.OutOfRange, Card.Purse.Encode(purse, Card.Keys, Card.Uid, Card.Uid.Length, block, 0));
        Assert.All(block, b => Assert.Equal(0, b));
    }

    [Fact]
    public void AJourneyStartedLongBeforeTheLastBoardingIsStoredAsNoJourney()
    {
        var boarding = CardLayout.EpochUnixSeconds + 1_000_000;
        var purse = Purse(100, 1, boarding, 0, [0, 0, 0, 0], 0, 0, 0);
        purse.Trip.JourneyStartTime = boarding - PurseCodec.NoJourney;
        var decoded = new PurseState();
        Card.Purse.Decode(Encode(purse), 0, Card.Keys, Card.Uid, Card.Uid.Length, decoded);
        Assert.Equal(0, decoded.Trip.JourneyStartTime);
    }

    [Fact]
    public void ATimeBeforeTheCardEpochIsOutOfRange() =>
        Assert.Equal(CardRecordStatus.OutOfRange, Card.Purse.Encode(
            Purse(0, 0, CardLayout.EpochUnixSeconds - 1, 0, [0, 0, 0, 0], 0, 0, 0), Card.Keys, Card.Uid, Card.Uid.Length, new byte[CardLayout.PurseSize], 0));

    [Theory]
    [InlineData(0x8000_0000u)]
    [InlineData(0xFFFF_FFFFu)]
    public void ATerminalIdFromTwoToThe31EncodesAndReadsBack(uint terminalId)
    {
        var state = Purse(1234, 7, CardLayout.EpochUnixSeconds + 99, 30, [120, 20000, 250, 12], 3, 1, unchecked((int)terminalId));
        var decoded = new PurseState();

        Assert.Equal(CardRecordStatus.Ok, Card.Purse.Decode(Encode(state), 0, Card.Keys, Card.Uid, Card.Uid.Length, decoded));
        Assert.Equal(terminalId, unchecked((uint)decoded.Trip.LastTerminalId));
        Assert.True(decoded.SameAs(state));
    }

    [Fact]
    public void EncodingAllocatesNothing()
    {
        var block = new byte[CardLayout.PurseSize];
        var state = Purse(1234, 7, CardLayout.EpochUnixSeconds + 99, 30, [120, 20000, 250, 12], 3, 1, 77);
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
        var block = new byte[CardLayout.PurseSize];
        Assert.Equal(CardRecordStatus.Ok, Card.Purse.Encode(state, Card.Keys, Card.Uid, Card.Uid.Length, block, 0));
        return block;
    }
}
