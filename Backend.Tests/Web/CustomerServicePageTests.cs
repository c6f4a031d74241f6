using Backend.Ingest.Identity;
using Backend.Tests.BackOffice;
using Backend.Tests.Ledger;
using Microsoft.Playwright;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Web;

/// <summary>
/// The customer-service pages in the browser, on both databases: find a card, an account or a passenger (SQL and
/// script typed in the box found as text); a card's page with its trips, refund refused above the balance, block as
/// stolen and replacement; an account's page with an adjustment; roles without the policy refused.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CustomerServicePageTests(BrowserFixture browser)
{
    private const string NewUid = "04C0FFEE000001";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheSearchFindsCardsAccountsAndPassengersAndTakesSqlAndScriptAsText(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        await backend.PostAsync("/api/cards", DeskRequests.Card(LedgerRecords.CardHex), DeskRequests.NewKey());
        var opened = await (await backend.PostAsync("/api/accounts", new { contactName = "Ana O'Neill", contactEmail = "ana@example.org", contactPhone = "+44 20 7946 0000" }, DeskRequests.NewKey())).JsonAsync();
        var account = opened.GetProperty("account").GetProperty("accountId").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var page = await browser.SignedInPageAsync(backend.Http.BaseAddress!.ToString(), backend.Services, "desk-anna", StaffRoles.CustomerService);

        await page.GotoAsync("/customer-service");
        await page.GetByLabel("Card number, account id, e-mail, phone or name").FillAsync("045a6b");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        Assert.Equal([LedgerRecords.CardHex], await page.Locator("#cards tbody td:first-child").AllInnerTextsAsync());
        await page.ScreenshotAsync("customer-service-find");

        foreach (var query in new[] { "ANA@EXAMPLE.ORG", "+44 20 7946 0000", "ana  o'NEILL", account })
        {
            await page.GotoAsync("/customer-service?q=" + Uri.EscapeDataString(query));
            Assert.Equal([account], await page.Locator("#accounts tbody td:first-child").AllInnerTextsAsync());
        }

        foreach (var attack in new[] { "' or '1'='1", "'; delete from cards; --", "%", "<script>window.hacked=1</script>" })
        {
            await page.GotoAsync("/customer-service?q=" + Uri.EscapeDataString(attack));
            Assert.Equal("No card.", await page.Locator("#cards tbody tr").First.InnerTextAsync());
            Assert.Equal("No account.", await page.Locator("#accounts tbody tr").First.InnerTextAsync());
            Assert.Equal(attack, await page.GetByLabel("Card number, account id, e-mail, phone or name").InputValueAsync());
        }

        Assert.Null(await page.EvaluateAsync<int?>("() => window.hacked"));
        Assert.Equal(1, await backend.CountAsync("select count(*) from cards"));
        await page.GotoAsync("/customer-service?q=" + new string('x', 101));
        Assert.Contains("Type 1 to 100 characters", await page.Locator("#search-error").InnerTextAsync());

        var phone = await browser.NewPageAsync(backend.Http.BaseAddress!.ToString(), phone: true);
        await phone.SignInAsync("desk-anna-phone", await StaffUsers.CreateAsync(backend.Services, "desk-anna-phone", StaffRoles.CustomerService));
        await phone.GotoAsync("/customer-service?q=ana%40example.org");
        Assert.Equal([account], await phone.Locator("#accounts tbody td:first-child").AllInnerTextsAsync());
        await phone.ScreenshotAsync("customer-service-find-phone");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheCardPageShowsTripsWithBalancesRefusesARefundAboveTheBalanceBlocksAsStolenAndReplaces(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        await backend.PostAsync("/api/cards", DeskRequests.Card(LedgerRecords.CardHex, firstLoad: 2000), DeskRequests.NewKey());
        await using (var store = await backend.Database.OpenAsync())
        {
            await store.StoreGroupAsync([LedgerRecords.Batch(12, LedgerRecords.Card(TxKind.CardTapAccepted, 1, 250))]);
        }

        var page = await browser.SignedInPageAsync(backend.Http.BaseAddress!.ToString(), backend.Services, "desk-ben", StaffRoles.CustomerService);
        await page.GotoAsync("/customer-service?q=" + LedgerRecords.CardHex);
        await page.GetByRole(AriaRole.Link, new() { Name = LedgerRecords.CardHex }).ClickAsync();
        Assert.Equal("17.50", await page.Locator("#balance").InnerTextAsync());
        Assert.Equal(1, await page.Locator("#trips tbody tr").CountAsync());
        Assert.Contains("5.00", await page.Locator("#trips tbody tr").First.InnerTextAsync());
        Assert.Equal(["17.50", "20.00"], await page.Locator("#ledger tbody td:nth-child(5)").AllInnerTextsAsync());
        Assert.Equal(0, await page.Locator("#adjust-amount").CountAsync());
        await page.ScreenshotAsync("customer-service-card");

        await page.GetByLabel("Amount paid out").FillAsync("99.00");
        await page.Locator("#refund-reason").FillAsync("moving abroad");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refund" }).ClickAsync();
        Assert.Contains("holds 17.50, not 99.00", await page.Locator("#answer").InnerTextAsync());
        Assert.Equal("active", await page.Locator("#status").InnerTextAsync());

        await page.Locator("#block-heading").ScrollIntoViewIfNeededAsync();
        await page.Locator("form:has(#block-reason) input[value=stolen]").CheckAsync();
        await page.Locator("#block-reason").FillAsync("stolen from a bag on route 7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Block the card" }).ClickAsync();
        Assert.Contains("blocked as stolen", await page.Locator("#answer").InnerTextAsync());
        Assert.Equal("lost", await page.Locator("#status").InnerTextAsync());

        await page.GetByLabel("New card number").FillAsync(NewUid.ToLowerInvariant());
        await page.Locator("form:has(#replace-reason) input[value=stolen]").CheckAsync();
        await page.Locator("#replace-reason").FillAsync("stolen, reported by phone");
        await page.GetByText("The new card is not registered yet").ClickAsync();
        await page.GetByLabel("Key version").FillAsync("1");
        await page.GetByLabel("Valid to (YYYY-MM-DD)").FillAsync("2031-12-31");
        await page.GetByLabel("Issued by (desk)").FillAsync("desk 7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Replace the card" }).ClickAsync();
        Assert.Contains($"replaced by {NewUid}", await page.Locator("#answer").InnerTextAsync());
        Assert.Equal("replaced", await page.Locator("#status").InnerTextAsync());
        Assert.Equal("0.00", await page.Locator("#balance").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#replace-new-uid").CountAsync());

        await page.GotoAsync($"/customer-service/cards/{NewUid}");
        Assert.Contains("17.50", await page.Locator("#pending-loads tbody tr").First.InnerTextAsync());
        Assert.Contains("card:" + LedgerRecords.CardHex, await page.Locator("#pending-loads tbody tr").First.InnerTextAsync());
        Assert.Equal(1, await backend.CountAsync("select count(*) from audit_log where action = 'card.replace' and actor = 'desk-ben'"));
        Assert.Equal(1, await backend.CountAsync("select count(*) from blacklist_listings where entry_key = '" + LedgerRecords.CardHex + "'"));

        var phone = await browser.NewPageAsync(backend.Http.BaseAddress!.ToString(), phone: true);
        await phone.SignInAsync("desk-ben-phone", await StaffUsers.CreateAsync(backend.Services, "desk-ben-phone", StaffRoles.CustomerService));
        await phone.GotoAsync($"/customer-service/cards/{LedgerRecords.CardHex}");
        Assert.Equal("replaced", await phone.Locator("#status").InnerTextAsync());
        await phone.ScreenshotAsync("customer-service-card-phone");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheAccountPageShowsCardsAndBalanceAndFinanceAdjustsItWithAReason(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        var opened = await (await backend.PostAsync("/api/accounts", new { contactEmail = "ben@example.org" }, DeskRequests.NewKey())).JsonAsync();
        var account = opened.GetProperty("account").GetProperty("accountId").GetInt64();
        await backend.PostAsync("/api/cards", DeskRequests.Card(LedgerRecords.CardHex, firstLoad: 1200, accountId: account), DeskRequests.NewKey());
        await backend.PostAsync($"/api/accounts/{account}/loads", new { amount = 1000 }, DeskRequests.NewKey());
        var page = await browser.SignedInPageAsync(backend.Http.BaseAddress!.ToString(), backend.Services, "fin-cara", StaffRoles.CustomerService, StaffRoles.Finance);

        await page.GotoAsync($"/customer-service/accounts/{account}");
        Assert.Equal("10.00", await page.Locator("#balance").InnerTextAsync());
        Assert.Contains("12.00", await page.Locator("#cards tbody tr").First.InnerTextAsync());
        await page.GetByLabel("Amount (negative lowers the balance)").FillAsync("abc");
        await page.GetByLabel("Why").FillAsync("goodwill");
        await page.GetByRole(AriaRole.Button, new() { Name = "Adjust" }).ClickAsync();
        Assert.Contains("'abc' is not an amount", await page.Locator("#answer").InnerTextAsync());
        await page.GetByLabel("Amount (negative lowers the balance)").FillAsync("2.50");
        await page.GetByLabel("Why").FillAsync("bus broke down, goodwill");
        await page.GetByRole(AriaRole.Button, new() { Name = "Adjust" }).ClickAsync();
        Assert.Contains("adjusted by 2.50", await page.Locator("#answer").InnerTextAsync());
        Assert.Equal("12.50", await page.Locator("#balance").InnerTextAsync());
        Assert.Equal(1, await backend.CountAsync($"select count(*) from audit_log where action = 'ledger.adjust' and actor = 'fin-cara' and reason = 'bus broke down, goodwill' and subject = 'account:{account}'"));
        await page.ScreenshotAsync("customer-service-account");

        var phone = await browser.NewPageAsync(backend.Http.BaseAddress!.ToString(), phone: true);
        await phone.SignInAsync("desk-dan", await StaffUsers.CreateAsync(backend.Services, "desk-dan", StaffRoles.CustomerService));
        await phone.GotoAsync($"/customer-service/accounts/{account}");
        Assert.Equal(0, await phone.Locator("#adjust-amount").CountAsync());
        await phone.ScreenshotAsync("customer-service-account-phone");
    }

    [Fact]
    public async Task ARoleWithoutTheDeskIsRefusedItsPagesAndItsForms()
    {
        await using var backend = await BackOfficeHost.StartAsync("sqlite");
        await backend.PostAsync("/api/cards", DeskRequests.Card(LedgerRecords.CardHex), DeskRequests.NewKey());
        var page = await browser.SignedInPageAsync(backend.Http.BaseAddress!.ToString(), backend.Services, "ops-2", StaffRoles.Operations);

        foreach (var path in new[] { "/customer-service?q=045A", $"/customer-service/cards/{LedgerRecords.CardHex}", "/customer-service/accounts/1", "/feedback" })
        {
            await page.GotoAsync(path);
            Assert.Equal("/access-denied", new Uri(page.Url).AbsolutePath);
        }

        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Customer service" }).CountAsync());
        Assert.Equal(0, await backend.CountAsync("select count(*) from audit_log where actor = 'ops-2'"));
    }
}
