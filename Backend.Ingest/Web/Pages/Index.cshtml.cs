using System.Text.Json;
using Backend.Ingest.Dashboard;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Backend.Ingest.Web.Pages;

/// <summary>
/// The landing page of every staff member: today's figures, the charts (Chart.js) and the alarms, rendered on the
/// server from <see cref="DashboardQueries"/>; the live fleet and transaction tables below refresh themselves.
/// </summary>
public sealed class IndexModel(DashboardQueries dashboard) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public DashboardSnapshot Today { get; private set; } = null!;

    /// <summary>The charts' data for the page's script, as JSON (Razor encodes it for the script element).</summary>
    public string ChartData => JsonSerializer.Serialize(new
    {
        hours = Today.ByHour.Select(hour => new { hour.Name, hour.CardBoardings, hour.QrBoardings }),
        routes = Today.ByRoute.Select(route => new { route.Name, euros = route.NetFaresCents / 100.0 }),
        mix = Today.PaymentMix.Select(kind => new { kind.Kind, euros = kind.AmountCents / 100.0 }),
    }, Json);

    public async Task OnGetAsync() => Today = await dashboard.TodayAsync(HttpContext.RequestAborted);
}
