using System.ComponentModel;
using System.Text;

namespace Backend.Ingest.Reports;

/// <summary>GET /api/reports/{name} (JSON) and /api/reports/{name}.csv over a range of days.</summary>
internal static class ReportEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");
        reports.MapGet("", () => TypedResults.Ok(ReportCatalog.All.Select(report => new { report.Name, report.Title, report.Description })))
            .WithName("ListReports")
            .WithSummary("The reports there are");
        reports.MapGet("/{name}.csv", Csv)
            .WithName("GetReportCsv")
            .WithSummary("A report's rows as CSV (amounts in cents), over from..to (yyyy-MM-dd, both included; default the last 7 days)")
            .Produces<string>(contentType: ReportCsv.ContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        reports.MapGet("/{name}", Json)
            .WithName("GetReport")
            .WithSummary("A report's rows (amounts in cents), over from..to (yyyy-MM-dd, both included; default the last 7 days)")
            .Produces<ReportView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Json(
        ReportQueries queries, TimeProvider clock,
        [Description("The report: revenue-by-day, routes, concessions, payment-kinds, hours, top-ups-and-refunds.")] string name,
        [Description("First day, yyyy-MM-dd (UTC).")] string? from,
        [Description("Last day, yyyy-MM-dd (UTC), included.")] string? to,
        CancellationToken cancellation)
    {
        if (Resolve(name, from, to, clock, out var report, out var range) is { } refusal)
        {
            return refusal;
        }

        return TypedResults.Ok(new ReportView(report.Name, report.Title, report.Description, range.From, range.To, await report.Run(queries, range, cancellation)));
    }

    private static async Task<IResult> Csv(
        ReportQueries queries, TimeProvider clock,
        [Description("The report, as for GET /api/reports/{name}.")] string name,
        [Description("First day, yyyy-MM-dd (UTC).")] string? from,
        [Description("Last day, yyyy-MM-dd (UTC), included.")] string? to,
        CancellationToken cancellation)
    {
        if (Resolve(name, from, to, clock, out var report, out var range) is { } refusal)
        {
            return refusal;
        }

        var csv = ReportCsv.Write(await report.Run(queries, range, cancellation), report.RowType);
        return TypedResults.File(Encoding.UTF8.GetBytes(csv), ReportCsv.ContentType, ReportCsv.FileName(report, range));
    }

    /// <summary>The report and range asked for, or the refusal to answer with (404 unknown report, 400 naming the bad field).</summary>
    private static IResult? Resolve(string name, string? from, string? to, TimeProvider clock, out ReportDefinition report, out ReportRange range)
    {
        report = ReportCatalog.Find(name)!;
        range = null!;
        if (report is null)
        {
            return TypedResults.Problem(
                title: "Unknown report.",
                detail: $"There is no report '{name}'; the reports are {string.Join(", ", ReportCatalog.All.Select(known => known.Name))}.",
                statusCode: StatusCodes.Status404NotFound);
        }

        var errors = new Dictionary<string, string[]>();
        if (ReportRange.Parse(from, to, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), errors) is not { } parsed)
        {
            return TypedResults.ValidationProblem(errors, title: "The report's range is not valid.");
        }

        range = parsed;
        return null;
    }
}
