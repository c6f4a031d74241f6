using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Backend.Ingest.Changes;
using Backend.Ingest.Ledger;

namespace Backend.Ingest.Payments;

/// <summary>GET /api/payments/payout-reconciliation and POST .../fees: the provider's payout report of a period, matched and its fees booked.</summary>
internal static class PayoutReconciliationEndpoint
{
    private const int MaxDays = 93;

    public static async Task<IResult> Get(DbDataSource dataSource, IPaymentProvider provider, string? from, string? to, CancellationToken cancellation)
    {
        if (Period(from, to) is not ({ } start, { } end))
        {
            return InvalidPeriod(from, to);
        }

        if (await ReportAsync(provider, start, end, cancellation) is not { } lines)
        {
            return ReportProblem(provider);
        }

        return TypedResults.Ok((await PayoutReconciler.ReconcileAsync(dataSource, provider.Name, lines, start, end, cancellation)).Result);
    }

    public static async Task<IResult> PostFees(HttpContext http, DbDataSource dataSource, ChangeRunner runner, IPaymentProvider provider, string? from, string? to, CancellationToken cancellation)
    {
        if (Period(from, to) is not ({ } start, { } end))
        {
            return InvalidPeriod(from, to);
        }

        if (DeskChange.Request(http, "payment.fees", provider.Name, new { from = start, to = end }) is not { } request)
        {
            return DeskChange.MissingKey();
        }

        if (await ReportAsync(provider, start, end, cancellation) is not { } lines)
        {
            return ReportProblem(provider);
        }

        var (_, fees) = await PayoutReconciler.ReconcileAsync(dataSource, provider.Name, lines, start, end, cancellation);
        var outcome = await runner.RunAsync(request, async change =>
        {
            var (count, amount) = await PayoutReconciler.BookFeesAsync(change, fees, cancellation);
            await change.AuditAsync("payment.fees", "provider:" + provider.Name, null, JsonSerializer.Serialize(new { from = start, to = end, count, amount }), cancellation);
            return new ChangeResult(StatusCodes.Status200OK, new { from = start, to = end, booked = count, amount });
        }, cancellation);
        return outcome.ToHttpResult(http);
    }

    private static async Task<IReadOnlyList<PayoutLine>?> ReportAsync(IPaymentProvider provider, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellation)
    {
        try
        {
            return PayoutReportCsv.Parse(await provider.PayoutReportAsync(from, to, cancellation));
        }
        catch (Exception e) when (e is FormatException or HttpRequestException or InvalidOperationException or global::Stripe.StripeException)
        {
            return null;
        }
    }

    /// <summary>The period [from, to): ISO 8601 dates or times (UTC unless they say otherwise), to after from, at most 93 days.</summary>
    private static (DateTimeOffset?, DateTimeOffset?) Period(string? from, string? to)
    {
        var start = Parse(from);
        var end = Parse(to);
        return start is not null && end is not null && end > start && end - start <= TimeSpan.FromDays(MaxDays) ? (start, end) : (null, null);
    }

    private static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private static IResult InvalidPeriod(string? from, string? to)
    {
        var errors = new Dictionary<string, string[]>();
        if (Parse(from) is null)
        {
            errors["from"] = [$"from '{from}' is required: an ISO 8601 date or time, e.g. 2026-12-03 or 2026-12-03T05:00:00Z."];
        }

        if (Parse(to) is null)
        {
            errors["to"] = [$"to '{to}' is required: an ISO 8601 date or time, after from."];
        }

        if (errors.Count == 0)
        {
            errors["to"] = [$"to must be after from and at most {MaxDays} days later."];
        }

        return DeskChange.Invalid(errors, "The period is not valid.");
    }

    private static IResult ReportProblem(IPaymentProvider provider) => TypedResults.Problem(title: "The provider's payout report could not be read.",
        detail: $"{provider.Name} did not hand over a payout report in the expected form; try again later.", statusCode: StatusCodes.Status502BadGateway);
}
