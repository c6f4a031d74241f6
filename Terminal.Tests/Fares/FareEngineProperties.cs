using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Terminal.Firmware.Fares;

namespace Terminal.Tests.Fares;

/// <summary>What must hold for every table, card state and tap.</summary>
[Properties(Arbitrary = [typeof(FareCases)], MaxTest = 300)]
public sealed class FareEngineProperties
{
    [Property]
    public Property AFareAndAnAmountAreNeverNegative(FareCase c)
    {
        var decision = Price(c);
        return (decision.Amount >= 0 && decision.Fare >= 0).Label($"amount {decision.Amount}, fare {decision.Fare}");
    }

    [Property]
    public Property TheDayTotalNeverExceedsTheCap(FareCase c)
    {
        var decision = Price(c);
        if (!decision.WritesCard || c.Table.DailyCap(c.Card.CardType) is var cap && cap == 0)
        {
            return true.ToProperty();
        }

        int before = decision.NewState.ServiceDay == c.Card.ServiceDay ? Math.Max(c.Card.ChargedToday, 0) : 0;
        return (decision.NewState.ChargedToday <= Math.Max(cap, before)).Label($"total {decision.NewState.ChargedToday}, cap {cap}, before {before}")
            .And((before < cap || decision.Amount == 0).Label($"charged {decision.Amount} over a reached cap"));
    }

    [Property]
    public Property ATransferNeverCostsMoreThanANewRide(FareCase c)
    {
        var decision = Price(c);
        if (decision.Outcome != FareOutcome.Transfer)
        {
            return true.ToProperty();
        }

        var newJourney = new TripState();
        newJourney.CopyFrom(c.Card);
        newJourney.JourneyStartTime = 0;
        var asNewRide = new FareDecision();
        FareEngine.Price(c.Table, newJourney, c.Tap, asNewRide);

        return (decision.Amount <= decision.Fare).Label($"transfer {decision.Amount} > fare {decision.Fare}")
            .And((asNewRide.Outcome == FareOutcome.Refused || decision.Amount <= asNewRide.Amount).Label($"transfer {decision.Amount} > new ride {asNewRide.Amount}"));
    }

    [Property]
    public Property ASecondTapWithinThePassbackWindowNeverCharges(FareCase c, NonNegativeInt delay)
    {
        var first = Price(c);
        if (!first.WritesCard || c.Table.PassbackSeconds == 0)
        {
            return true.ToProperty();
        }

        var again = new TapContext { Time = c.Tap.Time + (delay.Get % c.Table.PassbackSeconds), RouteId = c.Tap.RouteId, TerminalId = c.Tap.TerminalId };
        var second = new FareDecision();
        FareEngine.Price(c.Table, first.NewState, again, second);

        return (second.Outcome == FareOutcome.AlreadyPaid && second.Amount == 0 && !second.WritesCard)
            .Label($"second tap: {second.Outcome} {second.Amount}")
            .And(Same(first.NewState, second.NewState));
    }

    [Property]
    public Property ChargingNeverTakesTheBalanceBelowTheOverdraftFloor(FareCase c)
    {
        var decision = Price(c);
        if (!decision.WritesCard)
        {
            return true.ToProperty();
        }

        int after = decision.NewState.Balance;
        bool overdraft = FareRules.Has(decision.Rules, FareRules.Overdraft);
        return (after == c.Card.Balance - decision.Amount).Label("balance moves by the amount")
            .And((after >= -c.Table.OverdraftLimit).Label($"balance {after} below -{c.Table.OverdraftLimit}"))
            .And((after >= 0 || overdraft).Label("negative without the overdraft rule"))
            .And((!overdraft || (c.Card.Balance >= c.Table.OverdraftMinBalance && c.Card.Balance >= 0)).Label($"overdraft from balance {c.Card.Balance}"));
    }

    [Property]
    public Property RefusalsAndPassbackLeaveTheStateAsItWas(FareCase c)
    {
        var decision = Price(c);
        return decision.WritesCard
            ? true.ToProperty()
            : (decision.Amount == 0).Label("no amount").And(Same(c.Card, decision.NewState));
    }

    [Property]
    public Property PricingIsDeterministic(FareCase c, FareCase other)
    {
        var first = Price(c);
        var reused = new FareDecision();
        FareEngine.Price(other.Table, other.Card, other.Tap, reused);
        FareEngine.Price(c.Table, c.Card, c.Tap, reused);

        return (first.Outcome == reused.Outcome && first.Reason == reused.Reason && first.Amount == reused.Amount
                && first.Fare == reused.Fare && first.Rules == reused.Rules && first.Promotion == reused.Promotion)
            .Label($"{first.Outcome}/{first.Amount} vs {reused.Outcome}/{reused.Amount}")
            .And(Same(first.NewState, reused.NewState));
    }

    private static FareDecision Price(FareCase c)
    {
        var decision = new FareDecision();
        FareEngine.Price(c.Table, c.Card, c.Tap, decision);
        return decision;
    }

    private static Property Same(TripState a, TripState b) =>
        (a.CardType == b.CardType && a.Balance == b.Balance && a.LastBoardingTime == b.LastBoardingTime
         && a.LastRouteId == b.LastRouteId && a.LastZone == b.LastZone && a.LastTerminalId == b.LastTerminalId
         && a.ServiceDay == b.ServiceDay && a.ChargedToday == b.ChargedToday && a.JourneyStartTime == b.JourneyStartTime
         && a.JourneyFare == b.JourneyFare && a.TransfersUsed == b.TransfersUsed).Label("trip state differs");
}
