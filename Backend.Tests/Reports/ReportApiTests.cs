using System.Net;
using System.Text.Json;
using Backend.Ingest.Identity;
using Backend.Ingest.Reports;
using Backend.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Backend.Tests.Reports;

/// <summary>GET /api/reports/{name} and its CSV over the two days of <see cref="ReportDay"/>, on both databases.</summary>
public sealed class ReportApiTests
{
    private const string Range = "from=2026-11-24&to=2026-11-25";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RoutesConcessionsHoursAndDaysCountBoardingsLessAbandonedWritesAndSumTheirFares(string kind)
    {
        await using var host = await StartAsync(kind);

        Assert.Equal(
        [
            new RideTotals(7, "Route 7", 2, 0, 2, 250, 0, 0, 250),
            new RideTotals(9, "Route 9", 1, 1, 2, 240, 180, 120, 300),
        ], await RowsAsync<RideTotals>(host, "routes"));
        Assert.Equal(
        [
            new RideTotals(0, "Adult", 2, 1, 3, 250, 180, 0, 430),
            new RideTotals(3, "Senior", 1, 0, 1, 240, 0, 120, 120),
        ], await RowsAsync<RideTotals>(host, "concessions"));

        var epoch = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        Assert.Equal(
        [
            new RideTotals(ReportDay.First.DayNumber - epoch, "2026-11-24", 3, 0, 3, 490, 0, 120, 370),
            new RideTotals(ReportDay.Second.DayNumber - epoch, "2026-11-25", 0, 1, 1, 0, 180, 0, 180),
        ], await RowsAsync<RideTotals>(host, "ridership-by-day"));

        var hours = await RowsAsync<RideTotals>(host, "hours");
        Assert.Equal(Enumerable.Range(0, 24).Select(hour => $"{hour:D2}:00"), hours.Select(hour => hour.Name));
        Assert.Equal(
            [("07:00", 0L, 1L, 180L), ("08:00", 2L, 0L, 250L), ("17:00", 1L, 0L, 120L)],
            hours.Where(hour => hour.Boardings > 0).Select(hour => (hour.Name, hour.CardBoardings, hour.QrBoardings, hour.NetFaresCents)));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheLedgerReportsShowRevenueTopUpsRefundsAndThePaymentMixPerDay(string kind)
    {
        await using var host = await StartAsync(kind);

        Assert.Equal(
        [
            new RevenueDay(ReportDay.First, 3, 490, 0, 0, 120, 370),
            new RevenueDay(ReportDay.Second, 0, 0, 1, 180, 0, 180),
        ], await RowsAsync<RevenueDay>(host, "revenue-by-day"));
        Assert.Equal(
        [
            new PaymentKindTotal("card", 3, 370),
            new PaymentKindTotal("qr", 1, 180),
            new PaymentKindTotal("top-ups", 3, 4000),
        ], await RowsAsync<PaymentKindTotal>(host, "payment-kinds"));
        Assert.Equal(
        [
            new TopUpRefundDay(ReportDay.First, 0, 0, 0, 0, 0, 0, 0, 0, 0),
            new TopUpRefundDay(ReportDay.Second, 3, 1500, 2500, 1, 2100, 0, 100, 0, 0),
        ], await RowsAsync<TopUpRefundDay>(host, "top-ups-and-refunds"));

        var firstDayOnly = await RowsAsync<RevenueDay>(host, "revenue-by-day", "from=2026-11-24&to=2026-11-24");
        Assert.Equal([ReportDay.First], firstDayOnly.Select(day => day.Day));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task EachReportDownloadsAsCsvWithAHeaderOfItsColumnsAndAmountsInCents(string kind)
    {
        await using var host = await StartAsync(kind);

        using var response = await host.Client.GetAsync($"/api/reports/routes.csv?{Range}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("routes-2026-11-24-2026-11-25.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        Assert.Equal(
            "Group,Name,CardBoardings,QrBoardings,Boardings,CardFaresCents,QrFaresCents,AbandonedCents,NetFaresCents\r\n"
            + "7,Route 7,2,0,2,250,0,0,250\r\n"
            + "9,Route 9,1,1,2,240,180,120,300\r\n",
            await response.Content.ReadAsStringAsync());

        var revenue = await host.Client.GetStringAsync($"/api/reports/revenue-by-day.csv?{Range}");
        Assert.Equal(
            "Day,CardFares,CardFaresCents,QrFares,QrFaresCents,GivenBackCents,NetRevenueCents\r\n2026-11-24,3,490,0,0,120,370\r\n2026-11-25,0,0,1,180,0,180\r\n",
            revenue);
        foreach (var report in ReportCatalog.All)
        {
            using var csv = await host.Client.GetAsync($"/api/reports/{report.Name}.csv?{Range}");
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.StartsWith(string.Join(",", report.RowType.GetProperties().Select(column => column.Name)) + "\r\n", await csv.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task ABadRangeNamesItsFieldAnUnknownReportIsNotFoundAndOnlyFinanceAndOperationsReadReports()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var host = await ApiHost.StartAsync(database, ReportDay.At(ReportDay.Second, 10, 0), map: app => app.MapReportsApi());

        await ProblemAssert.IsValidationProblemAsync(await host.Client.GetAsync("/api/reports/routes?from=2026-13-01"), "from");
        await ProblemAssert.IsValidationProblemAsync(await host.Client.GetAsync("/api/reports/routes?to=25.11.2026"), "to");
        await ProblemAssert.IsValidationProblemAsync(await host.Client.GetAsync("/api/reports/routes?from=2026-11-25&to=2026-11-24"), "from");
        await ProblemAssert.IsValidationProblemAsync(await host.Client.GetAsync("/api/reports/hours.csv?from=2024-01-01&to=2026-11-24"), "to");
        using var unknown = await host.Client.GetAsync("/api/reports/salaries");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("revenue-by-day", await unknown.Content.ReadAsStringAsync());

        using var customerService = await host.ClientAsync("cs-1", [StaffRoles.CustomerService]);
        Assert.Equal(HttpStatusCode.Forbidden, (await customerService.GetAsync("/api/reports/routes")).StatusCode);
        using var nobody = await host.ClientAsync("nobody", null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await nobody.GetAsync("/api/reports/routes.csv")).StatusCode);
        using var finance = await host.ClientAsync("finance-1", [StaffRoles.Finance]);
        Assert.Equal(HttpStatusCode.OK, (await finance.GetAsync("/api/reports/routes")).StatusCode);

        var lastWeek = JsonDocument.Parse(await host.Client.GetStringAsync("/api/reports/revenue-by-day")).RootElement;
        Assert.Equal("2026-11-19", lastWeek.GetProperty("from").GetString());
        Assert.Equal("2026-11-25", lastWeek.GetProperty("to").GetString());
        Assert.Equal(7, lastWeek.GetProperty("rows").GetArrayLength());
    }

    private static async Task<ReportHost> StartAsync(string kind)
    {
        var database = await TestDatabase.CreateAsync(kind);
        await ReportDay.StoreRecordsAsync(database);
        var host = await ApiHost.StartAsync(database, ReportDay.At(ReportDay.Second, 10, 0), map: app => app.MapReportsApi());
        await ReportDay.DeskAsync(host.Client);
        return new ReportHost(database, host);
    }

    private static async Task<T[]> RowsAsync<T>(ReportHost host, string report, string range = Range)
    {
        var view = JsonDocument.Parse(await host.Client.GetStringAsync($"/api/reports/{report}?{range}")).RootElement;
        return view.GetProperty("rows").Deserialize<T[]>(Json)!;
    }

    private sealed class ReportHost(TestDatabase database, ApiHost host) : IAsyncDisposable
    {
        public HttpClient Client => host.Client;

        public async ValueTask DisposeAsync()
        {
            await host.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}
