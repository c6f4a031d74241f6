using Backend.Ingest.Fares;
using FsCheck;
using FsCheck.Fluent;
using Terminal.Firmware.Fares;

namespace Terminal.Tests.Fares;

/// <summary>A random table (valid, signed and loaded), card state and tap for the engine's properties.</summary>
public sealed record FareCase(FareTableBuilder Builder, FareTable Table, TripState Card, TapContext Tap)
{
    public override string ToString() =>
        $"card {Card.CardType} balance {Card.Balance} last {Card.LastBoardingTime}@{Card.LastTerminalId} day {Card.ServiceDay} charged {Card.ChargedToday} " +
        $"journey {Card.JourneyStartTime}/{Card.JourneyFare}/{Card.TransfersUsed}; tap {Tap.Time} r{Tap.RouteId} z{Tap.OriginZone}>{Tap.DestinationZone} @{Tap.TerminalId} expired {Tap.CardExpired}; " +
        $"table transfers {Builder.MaxTransfers}/{Builder.TransferWindowSeconds}s passback {Builder.PassbackSeconds}s overdraft {Builder.OverdraftMinBalance}/{Builder.OverdraftLimit} " +
        $"routes [{string.Join(", ", Builder.Routes)}] zones [{string.Join(", ", Builder.ZoneFares)}] concessions [{string.Join(", ", Builder.Concessions)}] promotions [{string.Join(", ", Builder.Promotions)}]";
}

/// <summary>FsCheck generators: times cluster around one morning so that passback, transfers, caps and day changes all occur.</summary>
public static class FareCases
{
    private const long Base = ExampleFareTable.T;
    private const int RouteSlots = 5;

    public static Arbitrary<FareCase> Cases() =>
        (from builder in Tables
         from card in Cards
         from tap in Taps
         from sinceLastBoarding in Gen.Frequency((1, Gen.Choose(-30, 300)), (1, Gen.Choose(300, 4000)))
         from afterLastBoarding in Gen.Elements(true, false)
         select new FareCase(builder, Load(builder), card, Retimed(tap, card, afterLastBoarding, sinceLastBoarding))).ToArbitrary();

    /// <summary>Half the taps follow the card's last boarding closely, where passback and transfers happen.</summary>
    private static TapContext Retimed(TapContext tap, TripState card, bool afterLastBoarding, int since)
    {
        if (afterLastBoarding && card.LastBoardingTime > 0)
        {
            tap.Time = card.LastBoardingTime + since;
        }

        return tap;
    }

    private static Gen<FareTableBuilder> Tables =>
        from zones in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 3)))
        from zoneFares in Gen.ArrayOf(Gen.Choose(0, 1500), zones * zones)
        from flatFares in Gen.ArrayOf(Gen.Choose(0, 1500), RouteSlots)
        from zonal in Gen.ArrayOf(Gen.Elements(true, false), RouteSlots)
        from concessions in Gen.ArrayOf(Concessions, FareTableFormat.CardTypeCount)
        from promotions in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Promotions, n))
        from transfers in Gen.Choose(0, 3)
        from window in Gen.Choose(0, 7200)
        from passback in Gen.Choose(0, 300)
        from overdraftMin in Gen.Choose(0, 500)
        from overdraftLimit in Gen.Choose(0, 1000)
        from utcOffset in Gen.Choose(FareTableFormat.MinUtcOffsetMinutes, FareTableFormat.MaxUtcOffsetMinutes)
        from dayStart in Gen.Choose(0, FareTableFormat.MinutesPerDay - 1)
        from openEnded in Gen.Elements(true, false)
        select Table(zones, zoneFares, flatFares, zonal, concessions, promotions, transfers, window, passback, overdraftMin, overdraftLimit, utcOffset, dayStart, openEnded);

    private static Gen<ConcessionEntry?> Concessions =>
        from kind in Gen.Choose(-1, 3)
        from percent in Gen.Choose(0, 100)
        from amount in Gen.Choose(0, 500)
        from cap in Gen.OneOf(Gen.Constant(0), Gen.Choose(1, 3000))
        select kind < 0 ? null : new ConcessionEntry(
            CardType.Adult,
            (ConcessionKind)kind,
            (ConcessionKind)kind switch { ConcessionKind.PercentOff => percent, ConcessionKind.AmountOff => amount, _ => 0 },
            cap);

    private static Gen<PromotionEntry> Promotions =>
        from start in Gen.Choose(-7200, 7200)
        from length in Gen.Choose(1, 14400)
        from route in Gen.Elements(10, 20, 30, FareTableFormat.AllRoutes)
        from cardType in Gen.Elements(0, 1, 2, 3, 4, FareTableFormat.AllCardTypes)
        from kind in Gen.Choose(1, 3)
        from value in kind == (int)PromotionKind.PercentOff ? Gen.Choose(0, 100) : Gen.Choose(0, 1500)
        select new PromotionEntry(Base + start, Base + start + length, route, cardType, (PromotionKind)kind, value);

    private static Gen<TripState> Cards =>
        from type in Gen.Frequency((19, Gen.Choose(0, FareTableFormat.CardTypeCount - 1)), (1, Gen.Constant(FareTableFormat.CardTypeCount)))
        from balance in Gen.Frequency((1, Gen.Choose(-1000, -1)), (3, Gen.Choose(0, 600)), (4, Gen.Choose(600, 5000)))
        from boarded in Gen.Elements(true, true, false)
        from lastBoarding in Gen.Choose(-7200, 600)
        from lastTerminal in Gen.Choose(0, 2)
        from lastRoute in Gen.Elements(10, 20, 30, 40, 50)
        from day in Gen.Choose(-1, 1)
        from charged in Gen.Choose(0, 4000)
        from journeyBefore in Gen.Choose(0, 3600)
        from journeyFare in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 1500)))
        from transfers in Gen.Choose(0, 3)
        select new TripState
        {
            CardType = (CardType)type,
            Balance = balance,
            LastBoardingTime = boarded ? Base + lastBoarding : 0,
            LastTerminalId = boarded ? lastTerminal : 0,
            LastRouteId = boarded ? lastRoute : 0,
            ServiceDay = boarded ? 20514 + day : 0,
            ChargedToday = boarded ? charged : 0,
            JourneyStartTime = boarded ? Base + lastBoarding - journeyBefore : 0,
            JourneyFare = boarded ? journeyFare : 0,
            TransfersUsed = boarded ? transfers : 0,
        };

    private static Gen<TapContext> Taps =>
        from time in Gen.Choose(-600, 600)
        from route in Gen.Frequency((19, Gen.Elements(10, 20, 30, 40, 50)), (1, Gen.Constant(99)))
        from origin in Gen.Frequency((9, Gen.Choose(0, 1)), (1, Gen.Choose(2, 3)))
        from destination in Gen.Frequency((9, Gen.Choose(0, 1)), (1, Gen.Choose(2, 3)))
        from terminal in Gen.Choose(0, 2)
        from expired in Gen.Frequency((19, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new TapContext
        {
            Time = Base + time,
            RouteId = route,
            OriginZone = origin,
            DestinationZone = destination,
            TerminalId = terminal,
            CardExpired = expired,
        };

    private static FareTableBuilder Table(
        int zones, int[] zoneFares, int[] flatFares, bool[] zonal, ConcessionEntry?[] concessions, PromotionEntry[] promotions,
        int transfers, int window, int passback, int overdraftMin, int overdraftLimit, int utcOffset, int dayStart, bool openEnded)
    {
        var builder = new FareTableBuilder
        {
            ValidFrom = Base - (10 * 86400),
            ValidUntil = openEnded ? 0 : Base + (10 * 86400),
            UtcOffsetMinutes = utcOffset,
            ServiceDayStartMinutes = dayStart,
            MaxTransfers = transfers,
            TransferWindowSeconds = window,
            PassbackSeconds = passback,
            OverdraftMinBalance = overdraftMin,
            OverdraftLimit = overdraftLimit,
            ZoneCount = zones,
        };
        builder.ZoneFares.AddRange(zoneFares);
        for (int slot = 0; slot < RouteSlots; slot++)
        {
            bool isZonal = zonal[slot] && zones > 0;
            builder.Routes.Add(new RouteEntry((slot + 1) * 10, isZonal ? RoutePricing.Zonal : RoutePricing.Flat, isZonal ? 0 : flatFares[slot]));
        }

        for (int type = 0; type < concessions.Length; type++)
        {
            if (concessions[type] is { } concession)
            {
                builder.Concessions.Add(concession with { CardType = (CardType)type });
            }
        }

        builder.Promotions.AddRange(promotions);
        return builder;
    }

    private static FareTable Load(FareTableBuilder builder)
    {
        var store = new FareTableStore(TestSigning.Verifier());
        var bytes = builder.Build(TestSigning.Sign);
        var status = store.Load(bytes, 0, bytes.Length, ExampleFareTable.T);
        return status == FareTableStatus.Loaded ? store.Current! : throw new InvalidOperationException($"Generated table refused: {status}.");
    }
}
