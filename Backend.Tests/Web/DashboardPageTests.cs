using Backend.Ingest.Identity;
using Backend.Tests.BackOffice;
using Backend.Tests.Ledger;
using Microsoft.Playwright;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Web;

/// <summary>The dashboard in a real browser over the whole backend: today's figures, Chart.js charts and the alarms.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardPageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheDashboardShowsTodaysRevenueBoardingsChartsAndAnOpenFindingAsAnAlarm(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        var now = DateTimeOffset.UtcNow;
        var tap = LedgerRecords.Card(TxKind.CardTapAccepted, 1, 250);
        tap.Timestamp = (uint)now.ToUnixTimeSeconds();
        var qr = LedgerRecords.Qr(2, 4_000_000_000, 180);
        qr.Timestamp = (uint)now.ToUnixTimeSeconds();
        await using (var store = await backend.Database.OpenAsync())
        {
            await store.StoreGroupAsync([LedgerRecords.Batch(8, tap, qr)]);
        }

        await backend.ExecuteAsync($"""
            insert into findings (rule, card_uid, severity, action, status, dedup_key, evidence, created_at)
            values ('travel_time', '{LedgerRecords.CardHex}', 'high', 'review', 'open', 'travel_time:dashboard', '{"{}"}', {now.ToUnixTimeMilliseconds()})
            """);

        var anonymous = await browser.NewPageAsync(backend.Http.BaseAddress!.ToString());
        await anonymous.GotoAsync("/");
        Assert.Contains("/sign-in", anonymous.Url);

        var page = await browser.SignedInPageAsync(backend.Http.BaseAddress!.ToString(), backend.Services, "olga", StaffRoles.Operations);
        await page.GotoAsync("/");
        await page.WaitForFunctionAsync("document.body.dataset.charts === 'drawn'");

        Assert.Equal("4.30", await page.Locator("#revenue").InnerTextAsync());
        Assert.Equal("2", await page.Locator("#boardings").InnerTextAsync());
        Assert.Equal("1", await page.Locator("#offline").InnerTextAsync());
        // The backend's own reconciliation also finds the unregistered card: the alarm counts every open finding.
        var open = await backend.CountAsync("select count(*) from findings where status = 'open'");
        Assert.Contains($"{open} open reconciliation findings (", await page.Locator("#alarms li[data-kind=findings]").InnerTextAsync());
        Assert.Equal(3, await page.Locator("section.charts canvas").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("Chart.getChart('chart-hours').data.datasets[1].data.some(n => n === 1)"));
        Assert.Equal(["card", "qr", "top-ups"], await page.Locator("#payment-mix tbody td:first-child").AllInnerTextsAsync());
        await page.ScreenshotAsync("dashboard-today");

        var phone = await browser.NewPageAsync(backend.Http.BaseAddress!.ToString(), phone: true);
        var password = await StaffUsers.CreateAsync(backend.Services, "carla", StaffRoles.CustomerService);
        await phone.SignInAsync("carla", password);
        await phone.WaitForFunctionAsync("document.body.dataset.charts === 'drawn'");
        Assert.Equal("4.30", await phone.Locator("#revenue").InnerTextAsync());
        await phone.ScreenshotAsync("dashboard-phone");
    }
}
