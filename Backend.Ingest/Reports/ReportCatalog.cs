namespace Backend.Ingest.Reports;

/// <summary>Every report the back office offers, in the order the reports page lists them.</summary>
public static class ReportCatalog
{
    public static readonly IReadOnlyList<ReportDefinition> All =
    [
        new("revenue-by-day", "Revenue by day",
            "Card and QR fares charged, fares given back (abandoned card writes, QR daily-cap refunds) and net revenue, per day, from the ledger.",
            typeof(RevenueDay), async (queries, range, cancellation) => [.. await queries.RevenueByDayAsync(range, cancellation)]),
        new("ridership-by-day", "Ridership by day",
            "Boardings (card and QR) and their fares per day (UTC, by the terminals' clocks), from the journal records.",
            typeof(RideTotals), async (queries, range, cancellation) => [.. await queries.ByDayAsync(range, cancellation)]),
        new("routes", "Revenue and ridership by route",
            "Boardings and fares per route, from the journal records.",
            typeof(RideTotals), async (queries, range, cancellation) => [.. await queries.ByRouteAsync(range, cancellation)]),
        new("concessions", "Revenue and ridership by concession",
            "Boardings and fares per concession the fare engine priced, from the journal records.",
            typeof(RideTotals), async (queries, range, cancellation) => [.. await queries.ByConcessionAsync(range, cancellation)]),
        new("payment-kinds", "Revenue by payment kind",
            "Card fares, QR fares and top-ups over the range, from the ledger.",
            typeof(PaymentKindTotal), async (queries, range, cancellation) => [.. await queries.PaymentKindsAsync(range, cancellation)]),
        new("hours", "Ridership by hour",
            "Boardings and fares per hour of the day (UTC) over the range, from the journal records.",
            typeof(RideTotals), async (queries, range, cancellation) => [.. await queries.ByHourAsync(range, cancellation)]),
        new("top-ups-and-refunds", "Top-ups and refunds",
            "Top-ups by cash and by payment, refunds, QR cap refunds, adjustments and write-offs, per day, from the ledger.",
            typeof(TopUpRefundDay), async (queries, range, cancellation) => [.. await queries.TopUpsAndRefundsAsync(range, cancellation)]),
    ];

    public static ReportDefinition? Find(string name) => All.FirstOrDefault(report => report.Name == name);
}
