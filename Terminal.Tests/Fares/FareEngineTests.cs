using Backend.Ingest.Fares;
using Terminal.Firmware.Fares;
using Xunit;
using static Terminal.Tests.Fares.ExampleFareTable;

namespace Terminal.Tests.Fares;

/// <summary>Each rule of the engine and how it writes the new trip state; the document's vectors cover the common cases.</summary>
public sealed class FareEngineTests
{
    private static readonly FareTable Example = Load();
    private readonly FareDecision decision = new();

    [Fact]
    public void WithoutATableEveryTapIsRefused()
    {
        FareEngine.Price(null, Fresh(CardType.Adult, 1000), Tap(T, 10, 5), decision);
        AssertRefused(RefusalReason.NoTable);
    }

    [Fact]
    public void ANewJourneyWritesEveryFieldOfTheState()
    {
        var card = Fresh(CardType.Adult, 1000);
        var tap = Tap(T, 30, 5);
        tap.OriginZone = 1;
        tap.DestinationZone = 0;

        FareEngine.Price(Example, card, tap, decision);

        var next = decision.NewState;
        Assert.True(decision.WritesCard);
        Assert.Equal(300, decision.Fare);
        Assert.Equal(700, next.Balance);
        Assert.Equal(T, next.LastBoardingTime);
        Assert.Equal(30, next.LastRouteId);
        Assert.Equal(1, next.LastZone);
        Assert.Equal(5, next.LastTerminalId);
        Assert.Equal(Example.ServiceDayOf(T), next.ServiceDay);
        Assert.Equal(300, next.ChargedToday);
        Assert.Equal(T, next.JourneyStartTime);
        Assert.Equal(300, next.JourneyFare);
        Assert.Equal(0, next.TransfersUsed);
        Assert.Equal(CardType.Adult, next.CardType);
    }

    [Fact]
    public void ATransferKeepsTheJourneyStartAndRaisesItsFare()
    {
        var card = Boarded(CardType.Adult, 1000, T - 600, terminal: 5, fare: 250);

        FareEngine.Price(Example, card, Tap(T, 20, 6), decision);

        Assert.Equal(FareOutcome.Transfer, decision.Outcome);
        Assert.Equal(T - 600, decision.NewState.JourneyStartTime);
        Assert.Equal(400, decision.NewState.JourneyFare);
        Assert.Equal(1, decision.NewState.TransfersUsed);
        Assert.Equal(T, decision.NewState.LastBoardingTime);
        Assert.Equal(6, decision.NewState.LastTerminalId);
    }

    [Fact]
    public void ATransferToACheaperRouteKeepsTheJourneyFare()
    {
        var card = Boarded(CardType.Adult, 1000, T - 600, terminal: 6, fare: 400);

        FareEngine.Price(Example, card, Tap(T, 10, 5), decision);

        Assert.Equal(0, decision.Amount);
        Assert.Equal(400, decision.NewState.JourneyFare);
    }

    [Theory]
    [InlineData(3600, FareOutcome.Transfer)]
    [InlineData(3601, FareOutcome.Charge)]
    public void TheTransferWindowIncludesItsLastSecond(int since, FareOutcome expected)
    {
        var card = Boarded(CardType.Adult, 1000, T - since, terminal: 5, fare: 250);
        FareEngine.Price(Example, card, Tap(T, 20, 6), decision);
        Assert.Equal(expected, decision.Outcome);
    }

    [Theory]
    [InlineData(0, 3600)]
    [InlineData(2, 0)]
    public void TransfersCanBeSwitchedOff(int maxTransfers, int window)
    {
        var builder = Builder();
        builder.MaxTransfers = maxTransfers;
        builder.TransferWindowSeconds = window;
        var card = Boarded(CardType.Adult, 1000, T - 600, terminal: 5, fare: 250);

        FareEngine.Price(LoadTable(builder), card, Tap(T, 20, 6), decision);

        Assert.Equal(FareOutcome.Charge, decision.Outcome);
        Assert.Equal(400, decision.Amount);
    }

    [Fact]
    public void AClockBehindTheJourneyStartIsNoTransfer()
    {
        var card = Boarded(CardType.Adult, 1000, T + 600, terminal: 5, fare: 250);
        FareEngine.Price(Example, card, Tap(T, 20, 6), decision);
        Assert.Equal(FareOutcome.Charge, decision.Outcome);
    }

    [Theory]
    [InlineData(59, FareOutcome.AlreadyPaid)]
    [InlineData(60, FareOutcome.Charge)]
    [InlineData(-1, FareOutcome.Charge)]
    public void PassbackCoversTheWindowAfterTheBoardingOnly(int since, FareOutcome expected)
    {
        var card = Boarded(CardType.Adult, 1000, T - since, terminal: 5, fare: 250);
        card.ChargedToday = 250;
        card.ServiceDay = Example.ServiceDayOf(T);

        FareEngine.Price(Example, card, Tap(T, 10, 5), decision);

        Assert.Equal(expected, decision.Outcome);
    }

    [Fact]
    public void PassbackOnlyConcernsTheSameTerminal()
    {
        var card = Boarded(CardType.Adult, 1000, T - 5, terminal: 5, fare: 250);
        FareEngine.Price(Example, card, Tap(T, 10, 6), decision);
        Assert.Equal(FareOutcome.Transfer, decision.Outcome);
    }

    [Fact]
    public void AFreshCardIsNeverAlreadyPaid()
    {
        var tap = Tap(30, 10, 0);
        var builder = Builder();
        builder.ValidFrom = 0;
        FareEngine.Price(LoadTable(builder), Fresh(CardType.Adult, 1000), tap, decision);
        Assert.Equal(FareOutcome.Charge, decision.Outcome);
    }

    [Fact]
    public void RefusalsAndPassbackWriteNothing()
    {
        var card = Boarded(CardType.Adult, -300, T - 10, terminal: 5, fare: 400);

        FareEngine.Price(Example, card, Tap(T, 10, 5), decision);
        Assert.False(decision.WritesCard);
        AssertSameState(card, decision.NewState);

        FareEngine.Price(Example, card, Tap(T, 10, 6), decision);
        AssertRefused(RefusalReason.TopUpRequired);
        Assert.False(decision.WritesCard);
        AssertSameState(card, decision.NewState);
    }

    [Fact]
    public void AReusedDecisionForgetsThePreviousTap()
    {
        FareEngine.Price(Example, Fresh(CardType.Adult, 1000), Tap(P, 20, 5), decision);
        Assert.Equal(0, decision.Promotion);

        FareEngine.Price(Example, Fresh(CardType.Adult, 1000), Tap(T, 99, 5), decision);

        AssertRefused(RefusalReason.NoFareForRoute);
        Assert.Equal(FareRules.None, decision.Rules);
        Assert.Equal(-1, decision.Promotion);
        Assert.Equal(0, decision.Fare);
        Assert.Equal(1000, decision.NewState.Balance);
    }

    [Fact]
    public void AnUnknownCardTypeIsRefused()
    {
        FareEngine.Price(Example, Fresh((CardType)7, 1000), Tap(T, 10, 5), decision);
        AssertRefused(RefusalReason.UnknownCardType);
    }

    [Fact]
    public void ARefusalForFundsStillReportsTheFare()
    {
        FareEngine.Price(Example, Fresh(CardType.Child, 5), Tap(T, 20, 5), decision);
        AssertRefused(RefusalReason.InsufficientFunds);
        Assert.Equal(200, decision.Fare);
        Assert.Equal(FareRules.Concession, decision.Rules);
    }

    [Theory]
    [InlineData(100, 600, true)]
    [InlineData(100, 601, false)]
    [InlineData(9, 200, false)]
    [InlineData(10, 200, true)]
    public void TheOverdraftNeedsTheMinimumBalanceAndStopsAtTheLimit(int balance, int fare, bool allowed)
    {
        var builder = Builder();
        builder.Routes[0] = new RouteEntry(10, RoutePricing.Flat, fare);

        FareEngine.Price(LoadTable(builder), Fresh(CardType.Senior, balance), Tap(T, 10, 5), decision);

        if (allowed)
        {
            Assert.Equal(FareOutcome.Charge, decision.Outcome);
            Assert.Equal(FareRules.Overdraft, decision.Rules);
            Assert.Equal(balance - fare, decision.NewState.Balance);
        }
        else
        {
            AssertRefused(RefusalReason.InsufficientFunds);
        }
    }

    [Fact]
    public void WithoutAnOverdraftLimitTheBalanceMustCoverTheFare()
    {
        var builder = Builder();
        builder.OverdraftLimit = 0;
        FareEngine.Price(LoadTable(builder), Fresh(CardType.Adult, 249), Tap(T, 10, 5), decision);
        AssertRefused(RefusalReason.InsufficientFunds);
    }

    [Fact]
    public void AnExactBalanceRidesWithoutOverdraft()
    {
        FareEngine.Price(Example, Fresh(CardType.Adult, 250), Tap(T, 10, 5), decision);
        Assert.Equal(FareRules.None, decision.Rules);
        Assert.Equal(0, decision.NewState.Balance);
    }

    [Theory]
    [InlineData(ConcessionKind.PercentOff, 50, 255, 128)]
    [InlineData(ConcessionKind.PercentOff, 100, 255, 0)]
    [InlineData(ConcessionKind.AmountOff, 300, 255, 0)]
    [InlineData(ConcessionKind.None, 0, 255, 255)]
    public void ConcessionsRoundInThePassengersFavourAndNeverGoNegative(ConcessionKind kind, int value, int fare, int expected)
    {
        var builder = Builder();
        builder.Routes[0] = new RouteEntry(10, RoutePricing.Flat, fare);
        builder.Concessions.Add(new ConcessionEntry(CardType.Senior, kind, value, 0));

        FareEngine.Price(LoadTable(builder), Fresh(CardType.Senior, 1000), Tap(T, 10, 5), decision);

        Assert.Equal(expected, decision.Amount);
        Assert.Equal(kind == ConcessionKind.None ? FareRules.None : FareRules.Concession, decision.Rules);
    }

    [Theory]
    [InlineData(PromotionKind.FixedPrice, 300, 250)]
    [InlineData(PromotionKind.FixedPrice, 90, 90)]
    [InlineData(PromotionKind.PercentOff, 25, 188)]
    [InlineData(PromotionKind.AmountOff, 400, 0)]
    public void PromotionsNeverRaiseTheFare(PromotionKind kind, int value, int expected)
    {
        var builder = Builder();
        builder.Promotions.Clear();
        builder.Promotions.Add(new PromotionEntry(T - 1, T + 1, 10, FareTableFormat.AllCardTypes, kind, value));

        FareEngine.Price(LoadTable(builder), Fresh(CardType.Adult, 1000), Tap(T, 10, 5), decision);

        Assert.Equal(expected, decision.Amount);
        Assert.Equal(FareRules.Promotion, decision.Rules);
        Assert.Equal(0, decision.Promotion);
    }

    [Theory]
    [InlineData(CardType.Child, 0, 1, 1)]
    [InlineData(CardType.Adult, 0, 1, 250)]
    [InlineData(CardType.Child, 1, 2, 125)]
    [InlineData(CardType.Child, -1, 0, 125)]
    public void APromotionAppliesOnlyToItsCardTypeAndTime(CardType type, long from, long until, int expected)
    {
        var builder = Builder();
        builder.Promotions.Clear();
        builder.Promotions.Add(new PromotionEntry(T + from, T + until, 10, (int)CardType.Child, PromotionKind.FixedPrice, 2));

        FareEngine.Price(LoadTable(builder), Fresh(type, 1000), Tap(T, 10, 5), decision);

        Assert.Equal(expected, decision.Amount);
    }

    [Fact]
    public void APromotionForAnotherRouteDoesNotApply()
    {
        FareEngine.Price(Example, Fresh(CardType.Adult, 1000), Tap(P + 86400, 10, 5), decision);
        Assert.Equal(250, decision.Amount);
        Assert.Equal(-1, decision.Promotion);
    }

    [Theory]
    [InlineData(-1, -1)]
    [InlineData(0, 0)]
    public void TheServiceDayTurnsAtItsLocalStart(int secondsFromThreeAm, int dayOffset)
    {
        // 03:00 local on 2026-03-03 is 02:00 UTC.
        const long ThreeAm = 1772503200;
        Assert.Equal(Example.ServiceDayOf(T) + 1 + dayOffset, Example.ServiceDayOf(ThreeAm + secondsFromThreeAm));
    }

    [Fact]
    public void TheServiceDayFloorsBeforeTheEpoch()
    {
        var builder = Builder();
        builder.UtcOffsetMinutes = 0;
        builder.ServiceDayStartMinutes = 0;
        var table = LoadTable(builder);

        Assert.Equal(-1, table.ServiceDayOf(-1));
        Assert.Equal(-1, table.ServiceDayOf(-86400));
        Assert.Equal(0, table.ServiceDayOf(0));
    }

    [Fact]
    public void AClockBehindTheCardsDayKeepsCountingOnThatDay()
    {
        var card = Fresh(CardType.Adult, 1000);
        card.ServiceDay = Example.ServiceDayOf(T) + 1;
        card.ChargedToday = 700;

        FareEngine.Price(Example, card, Tap(T, 10, 5), decision);

        Assert.Equal(100, decision.Amount);
        Assert.Equal(card.ServiceDay, decision.NewState.ServiceDay);
        Assert.Equal(800, decision.NewState.ChargedToday);
    }

    [Fact]
    public void AQrAccountPricesLikeACardWithTheSameState()
    {
        var account = Boarded(CardType.Student, 2000, T - 900, terminal: 40, fare: 150);
        var card = new TripState();
        card.CopyFrom(account);
        var forCard = new FareDecision();

        FareEngine.Price(Example, account, Tap(T, 20, 41), decision);
        FareEngine.Price(Example, card, Tap(T, 20, 41), forCard);

        Assert.Equal(FareOutcome.Transfer, decision.Outcome);
        Assert.Equal(150, decision.Amount);
        Assert.Equal(forCard.Amount, decision.Amount);
        AssertSameState(forCard.NewState, decision.NewState);
    }

    [Fact]
    public void TheNewStateCanBePricedAgainInPlace()
    {
        var separate = new FareDecision();
        FareEngine.Price(Example, Boarded(CardType.Adult, 1000, T - 600, terminal: 5, fare: 250), Tap(T, 20, 6), decision);
        FareEngine.Price(Example, decision.NewState, Tap(T + 120, 10, 7), separate);

        FareEngine.Price(Example, decision.NewState, Tap(T + 120, 10, 7), decision);

        Assert.Equal(FareOutcome.Transfer, decision.Outcome);
        Assert.Equal(2, decision.NewState.TransfersUsed);
        AssertSameState(separate.NewState, decision.NewState);
    }

    internal static TripState Fresh(CardType type, int balance) => new() { CardType = type, Balance = balance };

    internal static TripState Boarded(CardType type, int balance, long time, int terminal, int fare) => new()
    {
        CardType = type,
        Balance = balance,
        LastBoardingTime = time,
        LastTerminalId = terminal,
        LastRouteId = 10,
        JourneyStartTime = time,
        JourneyFare = fare,
    };

    internal static TapContext Tap(long time, int route, int terminal) => new() { Time = time, RouteId = route, TerminalId = terminal };

    internal static void AssertSameState(TripState expected, TripState actual)
    {
        Assert.Equal(expected.CardType, actual.CardType);
        Assert.Equal(expected.Balance, actual.Balance);
        Assert.Equal(expected.LastBoardingTime, actual.LastBoardingTime);
        Assert.Equal(expected.LastRouteId, actual.LastRouteId);
        Assert.Equal(expected.LastZone, actual.LastZone);
        Assert.Equal(expected.LastTerminalId, actual.LastTerminalId);
        Assert.Equal(expected.ServiceDay, actual.ServiceDay);
        Assert.Equal(expected.ChargedToday, actual.ChargedToday);
        Assert.Equal(expected.JourneyStartTime, actual.JourneyStartTime);
        Assert.Equal(expected.JourneyFare, actual.JourneyFare);
        Assert.Equal(expected.TransfersUsed, actual.TransfersUsed);
    }

    private static FareTable LoadTable(FareTableBuilder builder)
    {
        var store = new FareTableStore(TestSigning.Verifier());
        var bytes = builder.Build(TestSigning.Sign);
        Assert.Equal(FareTableStatus.Loaded, store.Load(bytes, 0, bytes.Length, ExampleFareTable.T));
        return store.Current!;
    }

    private void AssertRefused(RefusalReason reason)
    {
        Assert.Equal(FareOutcome.Refused, decision.Outcome);
        Assert.Equal(reason, decision.Reason);
        Assert.Equal(0, decision.Amount);
    }
}
