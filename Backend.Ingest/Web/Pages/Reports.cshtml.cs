using System.Globalization;
using System.Text.Json;
using Backend.Ingest.Identity;
using Backend.Ingest.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Backend.Ingest.Web.Pages;

/// <summary>
/// Every report of <see cref="ReportCatalog"/> over one range of days (finance, operations): a Chart.js chart and a
/// table of the same rows each, the CSV of the API's endpoint, and a printable layout. The range is parsed and
/// checked by <see cref="ReportRange.Parse"/>, as the API does, and the rows come from the same <see cref="ReportQueries"/>.
/// </summary>
[Authorize(Policy = StaffPolicies.ReadReports)]
public sealed class ReportsModel(ReportQueries queries, TimeProvider clock) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Section(ReportDefinition Report, ReportTable Table, ReportChart? Chart);

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public ReportRange? Range { get; private set; }

    /// <summary>What is wrong with the range, by field (from, to), in the words of the API's validation.</summary>
    public Dictionary<string, string[]> Errors { get; } = [];

    public IReadOnlyList<Section> Sections { get; private set; } = [];

    /// <summary>The charts' data for the page's script, keyed by report name, as JSON (Razor encodes it for the script element).</summary>
    public string ChartData => JsonSerializer.Serialize(Sections.Where(section => section.Chart is not null).ToDictionary(section => section.Report.Name, section => section.Chart), Json);

    public async Task OnGetAsync()
    {
        Range = ReportRange.Parse(From, To, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), Errors);
        if (Range is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var sections = new List<Section>();
        foreach (var report in ReportCatalog.All)
        {
            var rows = await report.Run(queries, Range, HttpContext.RequestAborted);
            sections.Add(new Section(report, ReportTable.Of(rows, report.RowType), ReportChart.Of(report, rows)));
        }

        Sections = sections;
    }

    /// <summary>The query string of the range shown, for the CSV links: the API's own parameters.</summary>
    public string RangeQuery => string.Create(CultureInfo.InvariantCulture, $"from={Range!.From:yyyy-MM-dd}&to={Range.To:yyyy-MM-dd}");
}
