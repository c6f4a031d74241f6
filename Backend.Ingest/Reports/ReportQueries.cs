using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Ledger;
using Terminal.Firmware.Fares;
using Terminal.Firmware.Journal;

namespace Backend.Ingest.Reports;

/// <summary>
/// The reports' queries, one SQL text for SQLite and PostgreSQL. Over the records (<c>transactions</c>) each reads
/// only the report index of migration 0008, <c>(recorded_at, kind, route_id, concession, amount)</c>: one index
/// range per report, the rows' sums taken from the index without visiting the table. Over the ledger each reads
/// <c>(kind, occurred_at, amount)</c>, one range per kind. The cost is one index entry per record or transfer in
/// the range (docs/reports.md gives the figures).
/// </summary>
public sealed class ReportQueries(DbDataSource dataSource)
{
    private const long DayMs = 86_400_000;

    private static readonly int UnixEpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    // Ledger transfer kinds the desk posts (schema 0002 lists them all).
    private const string Issue = "issue";
    private const string Refund = "refund";
    private const string Adjustment = "adjustment";
    private const string WriteOff = "write_off";

    private static readonly string Rides = $"{(int)TxKind.CardTapAccepted}, {(int)TxKind.QrAccepted}, {(int)TxKind.CardWriteAbandoned}";

    /// <summary>Revenue per day of the range, every day listed (zeros where nothing happened).</summary>
    public async Task<IReadOnlyList<RevenueDay>> RevenueByDayAsync(ReportRange range, CancellationToken cancellation)
    {
        var sums = await LedgerSumsAsync(range, "''", [LedgerPostingRules.TapCharge, LedgerPostingRules.QrCharge, LedgerPostingRules.WriteAbandoned, QrCapSettlement.CapRefund], cancellation);
        return range.EachDay().Select(day =>
        {
            var of = sums.Where(sum => sum.Day == day).ToList();
            var card = Of(of, LedgerPostingRules.TapCharge);
            var qr = Of(of, LedgerPostingRules.QrCharge);
            var givenBack = Of(of, LedgerPostingRules.WriteAbandoned).Amount + Of(of, QrCapSettlement.CapRefund).Amount;
            return new RevenueDay(day, card.Count, card.Amount, qr.Count, qr.Amount, givenBack, card.Amount + qr.Amount - givenBack);
        }).ToList();
    }

    /// <summary>Boardings and fares per day of the range (UTC, by the terminals' clocks), every day listed; the group is the day's number since 1970-01-01.</summary>
    public async Task<IReadOnlyList<RideTotals>> ByDayAsync(ReportRange range, CancellationToken cancellation)
    {
        var days = (await RidesAsync(range, "recorded_at / 86400", DayName, cancellation)).ToDictionary(day => day.Group);
        return range.EachDay().Select(day => day.DayNumber - UnixEpochDay)
            .Select(day => days.GetValueOrDefault(day) ?? Totals(day, DayName(day), [])).ToList();
    }

    /// <summary>Boardings and fares per route that had any in the range, by route number.</summary>
    public Task<IReadOnlyList<RideTotals>> ByRouteAsync(ReportRange range, CancellationToken cancellation) =>
        RidesAsync(range, "route_id", route => $"Route {route}", cancellation);

    /// <summary>Boardings and fares per concession the fare engine priced (the record's own concession field).</summary>
    public Task<IReadOnlyList<RideTotals>> ByConcessionAsync(ReportRange range, CancellationToken cancellation) =>
        RidesAsync(range, "concession", ConcessionName, cancellation);

    /// <summary>Boardings and fares per hour of the day (UTC, 0 to 23) over the range, all 24 hours listed.</summary>
    public async Task<IReadOnlyList<RideTotals>> ByHourAsync(ReportRange range, CancellationToken cancellation)
    {
        var hours = (await RidesAsync(range, "(recorded_at % 86400) / 3600", HourName, cancellation)).ToDictionary(hour => hour.Group);
        return Enumerable.Range(0, 24).Select(hour => hours.GetValueOrDefault(hour) ?? Totals(hour, HourName(hour), [])).ToList();
    }

    /// <summary>Card fares, QR fares and top-ups over the range.</summary>
    public async Task<IReadOnlyList<PaymentKindTotal>> PaymentKindsAsync(ReportRange range, CancellationToken cancellation)
    {
        var sums = await LedgerSumsAsync(range, "''",
            [LedgerPostingRules.TapCharge, LedgerPostingRules.WriteAbandoned, LedgerPostingRules.QrCharge, QrCapSettlement.CapRefund, Issue, LedgerPostingRules.Load],
            cancellation);
        var card = Of(sums, LedgerPostingRules.TapCharge);
        var qr = Of(sums, LedgerPostingRules.QrCharge);
        var issues = Of(sums, Issue);
        var loads = Of(sums, LedgerPostingRules.Load);
        return
        [
            new PaymentKindTotal("card", card.Count, card.Amount - Of(sums, LedgerPostingRules.WriteAbandoned).Amount),
            new PaymentKindTotal("qr", qr.Count, qr.Amount - Of(sums, QrCapSettlement.CapRefund).Amount),
            new PaymentKindTotal("top-ups", issues.Count + loads.Count, issues.Amount + loads.Amount),
        ];
    }

    /// <summary>Top-ups, refunds, adjustments and write-offs per day of the range, every day listed.</summary>
    public async Task<IReadOnlyList<TopUpRefundDay>> TopUpsAndRefundsAsync(ReportRange range, CancellationToken cancellation)
    {
        // The paying side of a top-up, and the direction of an adjustment, are read from the transfer's accounts.
        var side = $"""
            case when debit_account = '{LedgerAccounts.ClearingCash}' then 'cash'
                 when debit_account = '{LedgerAccounts.Adjustment}' then 'in'
                 when credit_account = '{LedgerAccounts.Adjustment}' then 'out'
                 else '' end
            """;
        var sums = await LedgerSumsAsync(range, side,
            [Issue, LedgerPostingRules.Load, Refund, QrCapSettlement.CapRefund, Adjustment, WriteOff],
            cancellation);
        return range.EachDay().Select(day =>
        {
            var of = sums.Where(sum => sum.Day == day).ToList();
            var topUps = of.Where(sum => sum.Kind is Issue or LedgerPostingRules.Load).ToList();
            var refunds = Of(of, Refund);
            return new TopUpRefundDay(
                day,
                topUps.Sum(sum => sum.Count),
                topUps.Where(sum => sum.Side == "cash").Sum(sum => sum.Amount),
                topUps.Where(sum => sum.Side != "cash").Sum(sum => sum.Amount),
                refunds.Count,
                refunds.Amount,
                Of(of, QrCapSettlement.CapRefund).Amount,
                of.Where(sum => sum.Kind == Adjustment && sum.Side == "in").Sum(sum => sum.Amount),
                of.Where(sum => sum.Kind == Adjustment && sum.Side == "out").Sum(sum => sum.Amount),
                Of(of, WriteOff).Amount);
        }).ToList();
    }

    /// <summary>
    /// The records' query, grouped by <paramref name="group"/> (route_id, concession, or the hour of recorded_at) and
    /// kind over @from..@to (unix s); public so that a test can ask each database for its plan.
    /// </summary>
    public static string RidesSql(string group) => $"""
        select {group}, kind, count(*), coalesce(sum(amount), 0) from transactions
        where recorded_at >= @from and recorded_at < @to and kind in ({Rides})
        group by 1, 2
        """;

    /// <summary>The ledger's query: per day, kind and <paramref name="side"/>, over @kind0.. and @from..@to (unix ms).</summary>
    public static string LedgerSql(string side, int kinds) => $"""
        select occurred_at / {DayMs}, kind, {side}, count(*), sum(amount) from ledger_transfers
        where kind in ({string.Join(", ", Enumerable.Range(0, kinds).Select(i => $"@kind{i}"))}) and occurred_at >= @from and occurred_at < @to
        group by 1, 2, 3
        """;

    public static string ConcessionName(long concession) =>
        concession is >= (int)CardType.Adult and <= (int)CardType.Staff ? ((CardType)concession).ToString() : $"Concession {concession}";

    private static string HourName(long hour) => $"{hour:D2}:00";

    private static string DayName(long day) => DateOnly.FromDayNumber(UnixEpochDay + (int)day).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Per day, kind and <paramref name="side"/> (a SQL expression over the transfer's columns, fixed by the caller, never user input): transfers counted and summed.</summary>
    private async Task<List<LedgerSum>> LedgerSumsAsync(ReportRange range, string side, string[] kinds, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(LedgerSql(side, kinds.Length));
        for (var i = 0; i < kinds.Length; i++)
        {
            command.With($"kind{i}", kinds[i]);
        }

        command.With("from", range.FromSeconds * 1000).With("to", range.ToSeconds * 1000);
        var sums = new List<LedgerSum>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            sums.Add(new LedgerSum(
                DateOnly.FromDayNumber(UnixEpochDay + (int)Convert.ToInt64(reader.GetValue(0))),
                reader.GetString(1), reader.GetString(2), Convert.ToInt64(reader.GetValue(3)), Convert.ToInt64(reader.GetValue(4))));
        }

        return sums;
    }

    /// <param name="group">A SQL expression over the report index's columns, fixed by the caller (never user input).</param>
    private async Task<IReadOnlyList<RideTotals>> RidesAsync(ReportRange range, string group, Func<long, string> name, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(RidesSql(group));
        command.With("from", range.FromSeconds).With("to", range.ToSeconds);
        var rows = new List<(long Group, TxKind Kind, long Count, long Amount)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                rows.Add((Convert.ToInt64(reader.GetValue(0)), (TxKind)reader.GetInt32(1), reader.GetInt64(2), Convert.ToInt64(reader.GetValue(3))));
            }
        }

        return rows.GroupBy(row => row.Group).OrderBy(rows => rows.Key)
            .Select(rows => Totals(rows.Key, name(rows.Key), rows.Select(row => (row.Kind, row.Count, row.Amount)).ToList()))
            .ToList();
    }

    private static RideTotals Totals(long group, string name, IReadOnlyList<(TxKind Kind, long Count, long Amount)> sums)
    {
        (long Count, long Amount) Of(TxKind kind) => sums.Where(sum => sum.Kind == kind).Select(sum => (sum.Count, sum.Amount)).FirstOrDefault();
        var card = Of(TxKind.CardTapAccepted);
        var qr = Of(TxKind.QrAccepted);
        var abandoned = Of(TxKind.CardWriteAbandoned);
        return new RideTotals(group, name, card.Count - abandoned.Count, qr.Count, card.Count - abandoned.Count + qr.Count,
            card.Amount, qr.Amount, abandoned.Amount, card.Amount + qr.Amount - abandoned.Amount);
    }

    private static (long Count, long Amount) Of(IEnumerable<LedgerSum> sums, string kind)
    {
        var of = sums.Where(sum => sum.Kind == kind).ToList();
        return (of.Sum(sum => sum.Count), of.Sum(sum => sum.Amount));
    }

    private sealed record LedgerSum(DateOnly Day, string Kind, string Side, long Count, long Amount);
}
