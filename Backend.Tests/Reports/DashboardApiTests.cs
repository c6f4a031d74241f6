using System.Net.Http.Json;
using Backend.Ingest.Api;
using Backend.Ingest.Dashboard;
using Backend.Ingest.Fleet;
using Backend.Ingest.Reports;
using Backend.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Backend.Tests.Reports;

/// <summary>GET /api/dashboard: today's figures from the records and the ledger, the fleet, and each kind of alarm.</summary>
public sealed class DashboardApiTests
{
    private static readonly DateTimeOffset Now = ReportDay.At(ReportDay.Second, 10, 0);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheDashboardShowsTodaysRevenueRidershipAndPaymentMixAndRaisesEachAlarmOnlyWhereItIsDue(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await ReportDay.StoreRecordsAsync(database);
        await using (var fareTable = database.DataSource.CreateCommand("""
            insert into fare_table_versions (version, signed_table, valid_from, valid_until, published_at, published_by)
            values (4, @table, 0, 0, @at, 'ops')
            """))
        {
            await fareTable.With("table", new byte[] { 1 }).With("at", Now.AddMinutes(-20).ToUnixTimeMilliseconds()).ExecuteNonQueryAsync();
        }

        await database.ExecuteAsync($"""
            insert into blacklist_versions (version, published_at, published_by, reason, changes) values
                (18, {Now.AddMinutes(-30).ToUnixTimeMilliseconds()}, 'ops', 'lost card', 1),
                (19, {Now.AddMinutes(-2).ToUnixTimeMilliseconds()}, 'ops', 'stolen card', 1);
            insert into findings (rule, card_uid, severity, action, status, dedup_key, evidence, created_at, decided_by, decided_at) values
                ('travel_time', '0A0B0C0D', 'high', 'review', 'open', 'travel_time:1', '{"{}"}', {Now.ToUnixTimeMilliseconds()}, null, null),
                ('counter_repeated', '0A0B0C0D', 'medium', 'review', 'dismissed', 'counter_repeated:1', '{"{}"}', 1, 'auditor', 2);
            """);
        await using var host = await ApiHost.StartAsync(database, Now,
            map: app => app.MapDashboardApi());
        await ReportDay.DeskAsync(host.Client);
        var statuses = host.Services.GetRequiredService<TerminalStatusStore>();
        var clock = Now.ToUnixTimeSeconds();
        await statuses.UpsertAsync(new TerminalStatusReport(1, true, 1, 4, 18, 1, 0, Now.AddSeconds(-30), clock - 30));
        await statuses.UpsertAsync(new TerminalStatusReport(2, true, 1, 3, 17, 1, 0, Now.AddSeconds(-20), clock - 20));
        await statuses.UpsertAsync(new TerminalStatusReport(3, true, 1, 4, 18, 1, 0, Now.AddSeconds(-10), clock + 95 - 10));
        await statuses.UpsertAsync(new TerminalStatusReport(4, true, 1, 4, 18, 1, 10, Now.AddMinutes(-9), clock - 540));
        await statuses.UpsertAsync(new TerminalStatusReport(4, true, 1, 4, 18, 1, 60, Now.AddMinutes(-5), clock - 300));
        await statuses.UpsertAsync(new TerminalStatusReport(4, true, 1, 4, 18, 1, 120, Now, clock));
        await statuses.UpsertAsync(new TerminalStatusReport(5, true, 1, 4, 18, 1, 300, Now.AddMinutes(-2), clock - 120));
        await statuses.UpsertAsync(new TerminalStatusReport(5, true, 1, 4, 18, 1, 200, Now.AddMinutes(-1), clock - 60));
        await statuses.UpsertAsync(new TerminalStatusReport(6, true, 1, 1, 1, 1, 900, Now.AddHours(-1), clock - 3600 + 500));

        var dashboard = (await host.Client.GetFromJsonAsync<DashboardSnapshot>("/api/dashboard"))!;
        using var nobody = await host.ClientAsync("nobody", null);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await nobody.GetAsync("/api/dashboard")).StatusCode);

        Assert.Equal(ReportDay.Second, dashboard.Day);
        Assert.Equal(180, dashboard.RevenueCents);
        Assert.Equal(1, dashboard.Boardings);
        Assert.Equal(24, dashboard.ByHour.Count);
        Assert.Equal(1, dashboard.ByHour[7].QrBoardings);
        Assert.Equal([new RideTotals(9, "Route 9", 0, 1, 1, 0, 180, 0, 180)], dashboard.ByRoute);
        Assert.Equal([new PaymentKindTotal("card", 0, 0), new PaymentKindTotal("qr", 1, 180), new PaymentKindTotal("top-ups", 3, 4000)], dashboard.PaymentMix);
        Assert.Equal(5, dashboard.TerminalsOnline);
        Assert.Equal(2, dashboard.TerminalsOffline);
        Assert.Equal(
        [
            ("findings", "high", (uint?)null),
            ("fare-table", "medium", 2u),
            ("blacklist", "high", 2u),
            ("clock", "medium", 3u),
            ("backlog", "medium", 4u),
        ], dashboard.Alarms.Select(alarm => (alarm.Kind, alarm.Severity, alarm.TerminalId)));
        Assert.Equal("1 open reconciliation finding (1 high) wait for review.", dashboard.Alarms[0].Message);
        Assert.Contains("clock is 95 s ahead of", dashboard.Alarms[3].Message);
        Assert.Contains("grew from 10 to 120 records since 09:51 UTC", dashboard.Alarms[4].Message);
    }
}
