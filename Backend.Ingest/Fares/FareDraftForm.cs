using System.Globalization;
using Backend.Ingest.Api;
using Terminal.Firmware.Fares;

namespace Backend.Ingest.Fares;

/// <summary>
/// A fare table draft as the Fare tables page edits it: every value as typed (amounts as 2.50, times in UTC), turned
/// into a <see cref="FareTableBuilder"/> by <see cref="TryBuild"/>. Only what cannot be written into the table's bytes at
/// all (not a number, wider than its field) is refused here; whether the terminals take a value is
/// <see cref="FareDraftCheck"/>'s, that is the firmware parser's, answer.
/// </summary>
public sealed class FareDraftForm
{
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm";

    /// <summary>Empty rows offered for a new route or promotion.</summary>
    public const int SpareRows = 2;

    public string? ValidFrom { get; set; }
    public string? ValidUntil { get; set; }
    public string? UtcOffset { get; set; }
    public string? DayStart { get; set; }
    public string? MaxTransfers { get; set; }
    public string? TransferWindow { get; set; }
    public string? Passback { get; set; }
    public string? OverdraftMinBalance { get; set; }
    public string? OverdraftLimit { get; set; }
    public string? Languages { get; set; }
    public string? ZoneCount { get; set; }
    public List<RouteRow> Routes { get; set; } = [];

    /// <summary>Origin-major: the fare from zone o to zone d is at o × zones + d.</summary>
    public List<string?> Zones { get; set; } = [];

    /// <summary>One row per card type, in <see cref="CardType"/> order.</summary>
    public List<ConcessionRow> Concessions { get; set; } = [];
    public List<PromotionRow> Promotions { get; set; } = [];

    public sealed class RouteRow
    {
        public string? Id { get; set; }
        public string? Pricing { get; set; }
        public string? Fare { get; set; }
        public bool Remove { get; set; }
    }

    /// <summary>Kind: empty (no record: full fare, no cap), none, percent, amount or free.</summary>
    public sealed class ConcessionRow
    {
        public string? Kind { get; set; }
        public string? Value { get; set; }
        public string? Cap { get; set; }
    }

    /// <summary>Route and card type empty: all. Kind: fixed, percent or amount.</summary>
    public sealed class PromotionRow
    {
        public string? From { get; set; }
        public string? Until { get; set; }
        public string? Route { get; set; }
        public string? CardType { get; set; }
        public string? Kind { get; set; }
        public string? Value { get; set; }
        public bool Remove { get; set; }
    }

    public static readonly IReadOnlyList<(string Value, string Label)> ConcessionKinds =
        [("", "No record: full fare, no cap"), ("none", "No discount"), ("percent", "Percent off"), ("amount", "Amount off"), ("free", "Free")];

    public static readonly IReadOnlyList<(string Value, string Label)> PromotionKinds =
        [("fixed", "Fixed price"), ("percent", "Percent off"), ("amount", "Amount off")];

    public static FareDraftForm From(FareTableBuilder table)
    {
        var form = new FareDraftForm
        {
            ValidFrom = Time(table.ValidFrom),
            ValidUntil = table.ValidUntil == 0 ? "" : Time(table.ValidUntil),
            UtcOffset = table.UtcOffsetMinutes.ToString(CultureInfo.InvariantCulture),
            DayStart = $"{table.ServiceDayStartMinutes / 60:00}:{table.ServiceDayStartMinutes % 60:00}",
            MaxTransfers = Number(table.MaxTransfers),
            TransferWindow = Number(table.TransferWindowSeconds),
            Passback = Number(table.PassbackSeconds),
            OverdraftMinBalance = MinorUnits.Format(table.OverdraftMinBalance),
            OverdraftLimit = MinorUnits.Format(table.OverdraftLimit),
            Languages = string.Join(", ", table.Languages),
            ZoneCount = Number(table.ZoneCount),
            Routes = [.. table.Routes.Select(r => new RouteRow { Id = Number(r.RouteId), Pricing = r.Pricing == RoutePricing.Zonal ? "zonal" : "flat", Fare = MinorUnits.Format(r.Fare) })],
            Zones = [.. table.ZoneFares.Select(f => (string?)MinorUnits.Format(f))],
        };
        form.Routes.AddRange(Enumerable.Range(0, SpareRows).Select(_ => new RouteRow { Pricing = "flat" }));
        foreach (var type in Enum.GetValues<CardType>())
        {
            form.Concessions.Add(table.Concessions.FirstOrDefault(c => c.CardType == type) is { } c
                ? new ConcessionRow { Kind = KindName(c.Kind), Value = c.Kind == ConcessionKind.AmountOff ? MinorUnits.Format(c.Value) : Number(c.Value), Cap = MinorUnits.Format(c.DailyCap) }
                : new ConcessionRow { Kind = "" });
        }

        form.Promotions = [.. table.Promotions.Select(p => new PromotionRow
        {
            From = Time(p.From), Until = Time(p.Until),
            Route = p.RouteId == FareTableFormat.AllRoutes ? "" : Number(p.RouteId),
            CardType = p.CardType == FareTableFormat.AllCardTypes ? "" : ((CardType)p.CardType).ToString(),
            Kind = KindName(p.Kind), Value = p.Kind == PromotionKind.PercentOff ? Number(p.Value) : MinorUnits.Format(p.Value),
        })];
        form.Promotions.AddRange(Enumerable.Range(0, SpareRows).Select(_ => new PromotionRow { Kind = "fixed" }));
        return form;
    }

    /// <summary>
    /// The table this form describes, with <paramref name="version"/>, <paramref name="issuerKeyId"/> and routes in
    /// ascending order (as the terminals look them up); null with <paramref name="errors"/> (by field) if some value
    /// cannot be written into the table at all.
    /// </summary>
    public FareTableBuilder? TryBuild(uint version, int issuerKeyId, Dictionary<string, string> errors)
    {
        var table = new FareTableBuilder
        {
            Version = version,
            IssuerKeyId = issuerKeyId,
            ValidFrom = ReadTime(FareDraftFields.ValidFrom, ValidFrom, required: true, errors),
            ValidUntil = ReadTime(FareDraftFields.ValidUntil, ValidUntil, required: false, errors),
            UtcOffsetMinutes = ReadWhole(FareDraftFields.UtcOffset, UtcOffset, short.MinValue, short.MaxValue, errors),
            ServiceDayStartMinutes = ReadClock(DayStart, errors),
            MaxTransfers = ReadWhole(FareDraftFields.MaxTransfers, MaxTransfers, 0, byte.MaxValue, errors),
            TransferWindowSeconds = ReadWhole(FareDraftFields.TransferWindow, TransferWindow, 0, int.MaxValue, errors),
            PassbackSeconds = ReadWhole(FareDraftFields.Passback, Passback, 0, int.MaxValue, errors),
            OverdraftMinBalance = ReadMoney(FareDraftFields.OverdraftMinBalance, OverdraftMinBalance, errors),
            OverdraftLimit = ReadMoney(FareDraftFields.OverdraftLimit, OverdraftLimit, errors),
            ZoneCount = ReadWhole(FareDraftFields.ZoneCount, ZoneCount, 0, FareTableFormat.MaxZones, errors,
                $"a whole number of zones, 0 to {FareTableFormat.MaxZones} (what a terminal holds); 0 for no zonal routes"),
        };

        table.Languages.Clear();
        table.Languages.AddRange((Languages ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries));
        if (table.Languages.Any(code => code.Length != 2 || code.Any(c => c > 0x7F)))
        {
            errors[FareDraftFields.Languages] = "Language codes are two letters each (ISO 639-1), separated by commas, e.g. en, fr.";
        }

        for (int i = 0; i < Routes.Count; i++)
        {
            var row = Routes[i];
            if (row.Remove || (string.IsNullOrWhiteSpace(row.Id) && string.IsNullOrWhiteSpace(row.Fare)))
            {
                continue;
            }

            string field = FareDraftFields.Route(i);
            bool zonal = row.Pricing == "zonal";
            table.Routes.Add(new RouteEntry(ReadWhole(field, row.Id, 0, ushort.MaxValue, errors, "a route number, 0 to 65534"),
                zonal ? RoutePricing.Zonal : RoutePricing.Flat, zonal && string.IsNullOrWhiteSpace(row.Fare) ? 0 : ReadMoney(field, row.Fare, errors)));
        }

        table.Routes.Sort((a, b) => a.RouteId.CompareTo(b.RouteId));
        int posted = (int)Math.Round(Math.Sqrt(Zones.Count));
        for (int origin = 0; origin < table.ZoneCount; origin++)
        {
            for (int destination = 0; destination < table.ZoneCount; destination++)
            {
                // A changed zone count keeps the fares of the zones both sizes have; a new zone's fares start at 0.
                int cell = (origin * posted) + destination;
                table.ZoneFares.Add(origin < posted && destination < posted && cell < Zones.Count
                    ? ReadMoney(FareDraftFields.Zone((origin * table.ZoneCount) + destination), Zones[cell], errors) : 0);
            }
        }

        for (int type = 0; type < Concessions.Count && type < FareTableFormat.CardTypeCount; type++)
        {
            var row = Concessions[type];
            if (string.IsNullOrEmpty(row.Kind))
            {
                continue;
            }

            string field = FareDraftFields.Concession((CardType)type);
            var kind = row.Kind switch { "percent" => ConcessionKind.PercentOff, "amount" => ConcessionKind.AmountOff, "free" => ConcessionKind.Free, _ => ConcessionKind.None };
            int value = kind == ConcessionKind.AmountOff ? ReadMoney(field, row.Value, errors)
                : string.IsNullOrWhiteSpace(row.Value) ? 0 : ReadWhole(field, row.Value, int.MinValue, int.MaxValue, errors, "a whole percent, e.g. 50");
            table.Concessions.Add(new ConcessionEntry((CardType)type, kind, value, string.IsNullOrWhiteSpace(row.Cap) ? 0 : ReadMoney(field, row.Cap, errors)));
        }

        for (int i = 0; i < Promotions.Count; i++)
        {
            var row = Promotions[i];
            if (row.Remove || (string.IsNullOrWhiteSpace(row.From) && string.IsNullOrWhiteSpace(row.Until) && string.IsNullOrWhiteSpace(row.Value)))
            {
                continue;
            }

            string field = FareDraftFields.Promotion(i);
            var kind = row.Kind switch { "percent" => PromotionKind.PercentOff, "amount" => PromotionKind.AmountOff, _ => PromotionKind.FixedPrice };
            int cardType = string.IsNullOrEmpty(row.CardType) ? FareTableFormat.AllCardTypes
                : Enum.TryParse<CardType>(row.CardType, out var type) ? (int)type : Refuse(field, "Choose a card type from the list.", errors);
            table.Promotions.Add(new PromotionEntry(ReadTime(field, row.From, required: true, errors), ReadTime(field, row.Until, required: true, errors),
                string.IsNullOrWhiteSpace(row.Route) ? FareTableFormat.AllRoutes : ReadWhole(field, row.Route, 0, ushort.MaxValue, errors, "a route number, or empty for all routes"),
                cardType, kind, kind == PromotionKind.PercentOff ? ReadWhole(field, row.Value, int.MinValue, int.MaxValue, errors, "a whole percent, e.g. 20") : ReadMoney(field, row.Value, errors)));
        }

        return errors.Count == 0 ? table : null;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static string KindName(ConcessionKind kind) => kind switch
    {
        ConcessionKind.PercentOff => "percent", ConcessionKind.AmountOff => "amount", ConcessionKind.Free => "free", _ => "none",
    };

    private static string KindName(PromotionKind kind) => kind switch { PromotionKind.PercentOff => "percent", PromotionKind.AmountOff => "amount", _ => "fixed" };

    private static int Refuse(string field, string why, Dictionary<string, string> errors)
    {
        errors.TryAdd(field, why);
        return 0;
    }

    private static int ReadWhole(string field, string? text, int min, int max, Dictionary<string, string> errors, string? rule = null) =>
        int.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value : Refuse(field, $"'{text}' is not {rule ?? $"a whole number from {min} to {max}"}.", errors);

    /// <summary>An amount typed as 2.50 (or 2.5, or 2), in cents; negative amounts are written as typed, for the parser to judge.</summary>
    private static int ReadMoney(string field, string? text, Dictionary<string, string> errors) =>
        MinorUnits.TryParse(text, out var cents) && Math.Abs(cents) <= int.MaxValue / 100 * 100L
            ? (int)cents : Refuse(field, $"'{text}' is not an amount: write it as 2.50 (at most two decimals).", errors);

    private static long ReadTime(string field, string? text, bool required, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text) && !required)
        {
            return 0;
        }

        if (DateTime.TryParseExact(text?.Trim(), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            return new DateTimeOffset(time, TimeSpan.Zero).ToUnixTimeSeconds();
        }

        errors.TryAdd(field, $"'{text}' is not a time: write it as YYYY-MM-DDTHH:MM, in UTC.");
        return 0;
    }

    private static int ReadClock(string? text, Dictionary<string, string> errors) =>
        TimeOnly.TryParseExact(text?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? (time.Hour * 60) + time.Minute : Refuse(FareDraftFields.DayStart, $"'{text}' is not a time of day: write it as HH:MM, e.g. 03:00.", errors);
}
