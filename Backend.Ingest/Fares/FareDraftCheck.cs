using Backend.Ingest.Api;
using Terminal.Firmware.Fares;

namespace Backend.Ingest.Fares;

/// <summary>
/// Asks the firmware's own parser (<see cref="FareTableParser"/>) whether the terminals would take a draft, and which
/// field they would refuse. The parser answers for a whole table only, so each field (header value, route, zone fare,
/// concession, promotion) is put alone into a table that is otherwise the simplest valid one, and each table the parser
/// refuses names its field; the words say what the terminals accept there (docs/fares.md, "Layout, version 1").
/// The whole draft is parsed last: it decides, whatever the fields said.
/// </summary>
public static class FareDraftCheck
{
    /// <summary>The verdict: refusals by form field (see <see cref="FareDraftFields"/>), and the parser's status for the whole table.</summary>
    public sealed record Verdict(IReadOnlyDictionary<string, string> Refusals, FareTableStatus Status)
    {
        public bool Accepted => Status == FareTableStatus.Loaded;
    }

    public static Verdict Check(FareTableBuilder draft)
    {
        var parsed = new FareTable();
        var refusals = new Dictionary<string, string>();
        void Probe(string field, string rule, Action<FareTableBuilder> put)
        {
            var probe = Baseline(draft.ZoneCount);
            put(probe);
            var status = Parse(probe, parsed);
            if (status != FareTableStatus.Loaded && !refusals.ContainsKey(field))
            {
                refusals[field] = status == FareTableStatus.CapacityExceeded ? $"More than a terminal holds. {rule}" : rule;
            }
        }

        Probe(FareDraftFields.ValidUntil, "The end must be after the start; leave it empty for no end.", p => (p.ValidFrom, p.ValidUntil) = (draft.ValidFrom, draft.ValidUntil));
        Probe(FareDraftFields.UtcOffset, $"The UTC offset is {FareTableFormat.MinUtcOffsetMinutes} to +{FareTableFormat.MaxUtcOffsetMinutes} minutes (UTC−12:00 to UTC+14:00).", p => p.UtcOffsetMinutes = draft.UtcOffsetMinutes);
        Probe(FareDraftFields.DayStart, "The service day starts at a time of day, 00:00 to 23:59.", p => p.ServiceDayStartMinutes = draft.ServiceDayStartMinutes);
        Probe(FareDraftFields.TransferWindow, $"The transfer window is 0 to {FareTableFormat.MaxWindowSeconds} seconds (one day); 0 turns transfers off.", p => p.TransferWindowSeconds = draft.TransferWindowSeconds);
        Probe(FareDraftFields.Passback, $"The passback window is 0 to {FareTableFormat.MaxWindowSeconds} seconds (one day).", p => p.PassbackSeconds = draft.PassbackSeconds);
        Probe(FareDraftFields.OverdraftMinBalance, AmountRule("The minimum balance for an overdraft"), p => p.OverdraftMinBalance = draft.OverdraftMinBalance);
        Probe(FareDraftFields.OverdraftLimit, AmountRule("The overdraft limit"), p => p.OverdraftLimit = draft.OverdraftLimit);
        Probe(FareDraftFields.Languages, $"1 to {FareTableFormat.MaxLanguages} two-letter language codes in lower case (ISO 639-1), e.g. en, fr.", p =>
        {
            p.Languages.Clear();
            p.Languages.AddRange(draft.Languages);
        });

        Probe(FareDraftFields.Routes, $"At most {FareTableFormat.MaxRoutes} routes.", p => p.Routes.AddRange(draft.Routes.Select(r => new RouteEntry(r.RouteId, RoutePricing.Flat, 0)).DistinctBy(r => r.RouteId).OrderBy(r => r.RouteId)));
        for (int i = 0; i < draft.Routes.Count; i++)
        {
            var route = draft.Routes[i];
            Probe(FareDraftFields.Route(i), $"A flat fare is {MinorUnits.Format(0)} to {MinorUnits.Format(FareTableFormat.MaxAmount)}; a zonal route has no flat fare and needs at least one zone; route {FareTableFormat.AllRoutes} stands for all routes.", p => p.Routes.Add(route));
            if (i > 0)
            {
                var previous = draft.Routes[i - 1];
                Probe(FareDraftFields.Route(i), $"Route {route.RouteId} is listed twice: each route once.", p => p.Routes.AddRange([previous with { Pricing = RoutePricing.Flat, Fare = 0 }, route with { Pricing = RoutePricing.Flat, Fare = 0 }]));
            }
        }

        for (int cell = 0; cell < draft.ZoneFares.Count; cell++)
        {
            int fare = draft.ZoneFares[cell], at = cell;
            Probe(FareDraftFields.Zone(cell), AmountRule("A zone fare"), p => p.ZoneFares[at] = fare);
        }

        foreach (var concession in draft.Concessions)
        {
            Probe(FareDraftFields.Concession(concession.CardType), $"Percent off is 0 to 100; an amount off and the daily cap are {MinorUnits.Format(0)} to {MinorUnits.Format(FareTableFormat.MaxAmount)}; 'none' and 'free' take no value.", p => p.Concessions.Add(concession));
        }

        for (int i = 0; i < draft.Promotions.Count; i++)
        {
            var promotion = draft.Promotions[i];
            Probe(FareDraftFields.Promotion(i), $"A promotion ends after it starts; percent off is 0 to 100; a fixed price or an amount off is {MinorUnits.Format(0)} to {MinorUnits.Format(FareTableFormat.MaxAmount)}.", p => p.Promotions.Add(promotion));
        }

        if (draft.Promotions.Count > FareTableFormat.MaxPromotions)
        {
            Probe(FareDraftFields.Promotions, $"At most {FareTableFormat.MaxPromotions} promotions.", p => p.Promotions.AddRange(draft.Promotions));
        }

        return new Verdict(refusals, Parse(draft, parsed));
    }

    /// <summary>An amount in cents as the forms write it: 2.50.</summary>
    private static string AmountRule(string what) => $"{what} is {MinorUnits.Format(0)} to {MinorUnits.Format(FareTableFormat.MaxAmount)}.";

    /// <summary>The simplest table the parser takes: one language, no routes, a matrix of free zones of the draft's size.</summary>
    private static FareTableBuilder Baseline(int zones)
    {
        var table = new FareTableBuilder { ZoneCount = zones };
        table.ZoneFares.AddRange(new int[zones * zones]);
        return table;
    }

    private static FareTableStatus Parse(FareTableBuilder table, FareTable into)
    {
        var bytes = table.Build(_ => new byte[FareTableFormat.SignatureSize]);
        return FareTableParser.Parse(bytes, 0, bytes.Length, into);
    }
}
