using Backend.Ingest.Identity;
using Backend.Tests.BackOffice;
using Backend.Tests.Ledger;
using Microsoft.Playwright;
using Xunit;

namespace Backend.Tests.Web;

/// <summary>
/// A passenger's data requests from the account page in the browser, on both databases: the export downloads the
/// account's data and is audited; erasure is refused while the account holds money, then erases once.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DataRequestPageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheDeskExportsThePassengersDataAndErasesThemOnceTheBalanceIsZero(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        var opened = await (await backend.PostAsync("/api/accounts", new { contactName = "Ana Lind", contactEmail = "ana@example.org" }, DeskRequests.NewKey())).JsonAsync();
        var id = opened.GetProperty("account").GetProperty("accountId").GetInt64();
        await backend.PostAsync($"/api/accounts/{id}/loads", new { amount = 400 }, DeskRequests.NewKey());
        var page = await browser.SignedInPageAsync(backend.Http.BaseAddress!.ToString(), backend.Services, "desk-dora", StaffRoles.CustomerService);
        await page.GotoAsync($"/customer-service/accounts/{id}");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export the passenger's data (JSON)" }).ClickAsync());
        Assert.Equal($"account-{id}-export.json", download.SuggestedFilename);
        var exported = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("ana@example.org", exported);
        Assert.Contains("\"balance\": 400", exported);
        Assert.Equal(1, await backend.CountAsync("select count(*) from audit_log where action = 'account.export' and actor like '%desk-dora%'"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Erase the passenger" }).ClickAsync();
        Assert.Contains("refund it before erasing", await page.Locator("#answer").InnerTextAsync());
        await backend.PostToAccountAsync(id, -400);

        await page.GotoAsync($"/customer-service/accounts/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Erase the passenger" }).ClickAsync();
        Assert.Contains("The passenger is erased", await page.Locator("#answer").InnerTextAsync());
        Assert.Contains("closed", await page.Locator("#account-summary").InnerTextAsync());
        Assert.DoesNotContain("ana@example.org", await page.Locator("#account-summary").InnerTextAsync());
        await page.ScreenshotAsync("customer-service-erased");
        Assert.Equal(1, await backend.CountAsync("select count(*) from audit_log where action = 'account.erase'"));
    }
}
