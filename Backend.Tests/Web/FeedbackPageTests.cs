using System.Net;
using Backend.Ingest.Identity;
using Backend.Tests.BackOffice;
using Backend.Tests.Ledger;
using Microsoft.Playwright;
using Xunit;

namespace Backend.Tests.Web;

/// <summary>The feedback triage page in the browser, on both databases: counts by topic, filters, open an item, move it with a note and a card link, a forbidden move refused.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FeedbackPageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task CustomerServiceFiltersOpensAndMovesAnItemWithANoteAndACardLink(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        await backend.PostAsync("/api/cards", DeskRequests.Card(LedgerRecords.CardHex), DeskRequests.NewKey());
        var anonymous = new HttpClient { BaseAddress = backend.Http.BaseAddress };
        foreach (var (topic, message) in new[] { ("fares", "Charged twice on route 7 this morning."), ("service", "The 8:10 never came."), ("fares", "<script>window.hacked=1</script>") })
        {
            Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsync("/api/feedback", new { topic, message, contact = "rider@example.org" }, DeskRequests.NewKey())).StatusCode);
        }

        var page = await browser.SignedInPageAsync(backend.Http.BaseAddress!.ToString(), backend.Services, "desk-eve", StaffRoles.CustomerService);
        await page.GotoAsync("/feedback");
        Assert.Contains("2", await page.Locator("#counts tbody tr:has-text('fares') td:nth-child(2)").InnerTextAsync());
        await page.GetByLabel("Topic", new() { Exact = true }).SelectOptionAsync("service");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        Assert.Equal(1, await page.Locator("#items tbody tr").CountAsync());
        await page.GotoAsync("/feedback?topic=fares");
        Assert.Equal(2, await page.Locator("#items tbody tr").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.hacked"));

        await page.Locator("#items tbody tr:has-text('Charged twice') a").ClickAsync();
        Assert.Equal("Charged twice on route 7 this morning.", await page.Locator("#message").InnerTextAsync());
        await page.GetByLabel("New status").SelectOptionAsync("in_progress");
        await page.GetByLabel("Note: what you did or answered").FillAsync("Checking the card's trips.");
        await page.GetByLabel("Card it is about (optional)").FillAsync(LedgerRecords.CardHex.ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        Assert.Contains("is in progress", await page.Locator("#answer").InnerTextAsync());
        Assert.Equal(LedgerRecords.CardHex, await page.Locator("#item a.identity").InnerTextAsync());
        await page.ScreenshotAsync("feedback-triage");

        await page.GetByLabel("New status").SelectOptionAsync("in_progress");
        await page.GetByLabel("Note: what you did or answered").FillAsync("again");
        await page.GetByLabel("Card it is about (optional)").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        Assert.Contains("in_progress already", await page.Locator("#answer").InnerTextAsync());
        await page.GetByLabel("Note: what you did or answered").FillAsync("no such card");
        await page.GetByLabel("Card it is about (optional)").FillAsync("zz");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        Assert.Contains("is not a card number", await page.Locator("#answer").InnerTextAsync());
        Assert.Equal(1, await backend.CountAsync("select count(*) from audit_log where action = 'feedback.triage' and actor = 'desk-eve' and reason = 'Checking the card''s trips.'"));

        var phone = await browser.NewPageAsync(backend.Http.BaseAddress!.ToString(), phone: true);
        await phone.SignInAsync("desk-eve-phone", await StaffUsers.CreateAsync(backend.Services, "desk-eve-phone", StaffRoles.CustomerService));
        await phone.GotoAsync("/feedback?status=new");
        Assert.Equal(2, await phone.Locator("#items tbody tr").CountAsync());
        await phone.ScreenshotAsync("feedback-phone");
    }
}
