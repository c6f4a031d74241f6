using System.Globalization;
using System.Net;
using Backend.Ingest.Identity;
using Backend.Tests.BackOffice;
using Backend.Tests.Reports;
using CsvHelper;
using Microsoft.Playwright;
using Xunit;

namespace Backend.Tests.Web;

/// <summary>
/// The reports page in a real browser over the whole backend: the two days of <see cref="ReportDay"/> stored through
/// the ingest store, each report's table and chart, its CSV, the printed layout, a refused role and bad ranges.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportsPageTests(BrowserFixture browser)
{
    private const string Range = "from=2026-11-24&to=2026-11-25";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task EachReportShowsTheRecordsFiguresInATableAndAChartAndDownloadsAsCsv(string kind)
    {
        await using var backend = await StartAsync(kind);
        var page = await browser.SignedInPageAsync(backend.Http.BaseAddress!.ToString(), backend.Services, "fiona", StaffRoles.Finance);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Reports", Exact = true }).ClickAsync();
        await page.GetByLabel("From (first day)").FillAsync("2026-11-24");
        await page.GetByLabel("To (last day, included)").FillAsync("2026-11-25");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await page.WaitForFunctionAsync("document.body.dataset.charts === 'drawn'");

        Assert.Equal($"/reports?{Range}", new Uri(page.Url).PathAndQuery);
        Assert.Equal(
            [["Route 7", "2", "0", "2", "2.50", "0.00", "0.00", "2.50"], ["Route 9", "1", "1", "2", "2.40", "1.80", "1.20", "3.00"]],
            await RowsAsync(page, "routes"));
        Assert.Equal(
            ["Name", "Card boardings", "QR boardings", "Boardings", "Card fares (€)", "QR fares (€)", "Abandoned (€)", "Net fares (€)"],
            await page.Locator("#table-routes thead th").AllInnerTextsAsync());
        Assert.Equal(
            [["2026-11-24", "3", "4.90", "0", "0.00", "1.20", "3.70"], ["2026-11-25", "0", "0.00", "1", "1.80", "0.00", "1.80"]],
            await RowsAsync(page, "revenue-by-day"));
        Assert.Equal(
            [["2026-11-24", "3", "0", "3", "4.90", "0.00", "1.20", "3.70"], ["2026-11-25", "0", "1", "1", "0.00", "1.80", "0.00", "1.80"]],
            await RowsAsync(page, "ridership-by-day"));
        Assert.Equal(
            [["Adult", "2", "1", "3", "2.50", "1.80", "0.00", "4.30"], ["Senior", "1", "0", "1", "2.40", "0.00", "1.20", "1.20"]],
            await RowsAsync(page, "concessions"));
        Assert.Equal([["card", "3", "3.70"], ["qr", "1", "1.80"], ["top-ups", "1", "20.00"]], await RowsAsync(page, "payment-kinds"));
        var hours = await RowsAsync(page, "hours");
        Assert.Equal(24, hours.Count);
        Assert.Equal(["07:00", "0", "1", "1", "0.00", "1.80", "0.00", "1.80"], hours[7]);
        Assert.Equal(["08:00", "2", "0", "2", "2.50", "0.00", "0.00", "2.50"], hours[8]);
        Assert.Equal(
            [["2026-11-24", "0", "0.00", "0.00", "0", "0.00", "0.00", "0.00", "0.00", "0.00"], ["2026-11-25", "1", "0.00", "20.00", "0", "0.00", "0.00", "0.00", "0.00", "0.00"]],
            await RowsAsync(page, "top-ups-and-refunds"));

        // Every report drew its chart, from the same figures as its table (amounts in euros).
        Assert.Equal(7, await page.Locator("section.report canvas").CountAsync());
        Assert.Equal(new[] { 2.5, 3.0 }, await page.EvaluateAsync<double[]>("Chart.getChart('chart-routes').data.datasets[0].data"));
        Assert.Equal(new[] { 3.7, 1.8, 20.0 }, await page.EvaluateAsync<double[]>("Chart.getChart('chart-payment-kinds').data.datasets[0].data"));
        Assert.Equal(new[] { 0.0, 1.0 }, await page.EvaluateAsync<double[]>("Chart.getChart('chart-ridership-by-day').data.datasets[1].data"));
        await page.ScreenshotAsync("reports");
        await page.ScreenshotTopAsync("reports-top", 1760);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#csv-routes").ClickAsync());
        Assert.Equal("routes-2026-11-24-2026-11-25.csv", download.SuggestedFilename);
        using var csv = CsvReader.Create(new StreamReader(await download.PathAsync()), null, leaveOpen: false);
        Assert.Equal(["Name", "Boardings", "NetFaresCents"], new[] { csv.Headers[1], csv.Headers[4], csv.Headers[8] });
        var routes = new List<(string, long, long)>();
        foreach (var row in csv)
        {
            routes.Add((row.GetString(1), row.Parse<long>(4), row.Parse<long>(8)));
        }

        Assert.Equal([("Route 7", 2L, 250L), ("Route 9", 2L, 300L)], routes);

        // The desk's changes of today (the backend's clock) are in today's top-ups and refunds.
        await page.GotoAsync("/reports");
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal([today, "2", "15.00", "5.00", "1", "21.00", "0.00", "1.00", "0.00", "0.00"], (await RowsAsync(page, "top-ups-and-refunds"))[^1]);

        var phone = await browser.NewPageAsync(backend.Http.BaseAddress!.ToString(), phone: true);
        await phone.SignInAsync("fay", await StaffUsers.CreateAsync(backend.Services, "fay", StaffRoles.Finance));
        await phone.GotoAsync($"/reports?{Range}");
        await phone.WaitForFunctionAsync("document.body.dataset.charts === 'drawn'");
        Assert.Equal("3.00", await phone.Locator("#table-routes tbody tr:nth-child(2) td:last-child").InnerTextAsync());
        await phone.ScreenshotAsync("reports-phone");
        await phone.ScreenshotTopAsync("reports-phone-top", 1400);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ThePrintedPageShowsTheFiguresWithoutNavigationFormsOrButtons(string kind)
    {
        await using var backend = await StartAsync(kind);
        var page = await browser.SignedInPageAsync(backend.Http.BaseAddress!.ToString(), backend.Services, "otto", StaffRoles.Operations);
        await page.GotoAsync($"/reports?{Range}");
        await page.WaitForFunctionAsync("document.body.dataset.charts === 'drawn'");
        Assert.True(await page.Locator("header.site nav").IsVisibleAsync());
        Assert.True(await page.Locator("#print").IsVisibleAsync());

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        Assert.False(await page.Locator("header.site nav").IsVisibleAsync());
        Assert.False(await page.Locator("form.report-range").IsVisibleAsync());
        Assert.False(await page.Locator("#print").IsVisibleAsync());
        Assert.False(await page.Locator("#csv-routes").IsVisibleAsync());
        Assert.True(await page.Locator("#table-routes").IsVisibleAsync());
        Assert.True(await page.Locator("#chart-routes").IsVisibleAsync());
        await page.ScreenshotAsync("reports-print");
    }

    [Fact]
    public async Task ABadRangeIsRefusedNamingTheFieldAndCustomerServiceIsRefusedThePage()
    {
        await using var backend = await BackOfficeHost.StartAsync("sqlite");
        var page = await browser.SignedInPageAsync(backend.Http.BaseAddress!.ToString(), backend.Services, "fred", StaffRoles.Finance);
        await page.GotoAsync("/reports");
        await page.GetByLabel("From (first day)").FillAsync("2026-11-25");
        await page.GetByLabel("To (last day, included)").FillAsync("2026-11-24");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();

        Assert.Contains("from 2026-11-25 is after to 2026-11-24", await page.Locator("#range-errors").InnerTextAsync());
        Assert.Equal("true", await page.Locator("#from").GetAttributeAsync("aria-invalid"));
        Assert.Equal(0, await page.Locator("section.report").CountAsync());

        var tooLong = await page.GotoAsync("/reports?from=2024-01-01&to=2026-11-24");
        Assert.Equal((int)HttpStatusCode.BadRequest, tooLong!.Status);
        Assert.Contains("a report covers at most 366", await page.Locator("#range-errors").InnerTextAsync());
        Assert.Equal("true", await page.Locator("#to").GetAttributeAsync("aria-invalid"));
        await page.GotoAsync("/reports?from=25.11.2026");
        Assert.Contains("from '25.11.2026' is not a day: use yyyy-MM-dd", await page.Locator("#range-errors").InnerTextAsync());
        await page.GotoAsync("/reports?from=<script>window.hacked=1</script>");
        Assert.Contains("<script>", await page.Locator("#range-errors").InnerTextAsync());
        Assert.False(await page.EvaluateAsync<bool>("window.hacked === 1"));

        var desk = await browser.SignedInPageAsync(backend.Http.BaseAddress!.ToString(), backend.Services, "carl", StaffRoles.CustomerService);
        Assert.Equal(0, await desk.GetByRole(AriaRole.Link, new() { Name = "Reports", Exact = true }).CountAsync());
        await desk.GotoAsync("/reports");
        Assert.Equal("/access-denied", new Uri(desk.Url).AbsolutePath);

    }

    private static async Task<BackOfficeHost> StartAsync(string kind)
    {
        var backend = await BackOfficeHost.StartAsync(kind);
        await using (var store = await backend.Database.OpenAsync())
        {
            await store.StoreGroupAsync([ReportDay.Batch()]);
        }

        await ReportDay.DeskAsync(backend.Http);
        return backend;
    }

    private static async Task<List<string[]>> RowsAsync(IPage page, string report)
    {
        var rows = new List<string[]>();
        foreach (var row in await page.Locator($"#table-{report} tbody tr").AllAsync())
        {
            rows.Add([.. await row.Locator("td").AllInnerTextsAsync()]);
        }

        return rows;
    }
}
