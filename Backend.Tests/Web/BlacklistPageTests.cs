using Backend.Ingest.Downlink;
using Backend.Ingest.Identity;
using Backend.Tests.BackOffice;
using Backend.Tests.Downlink;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace Backend.Tests.Web;

/// <summary>
/// The Blacklist page in the browser over the whole backend: block with a reason (shown, audited, sent by the planner
/// to a firmware terminal), the terminals that took each version, unblock, bad input and script in the reason, roles.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BlacklistPageTests(BrowserFixture browser)
{
    private const string Card = "04A1B2C3D4E5F6";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ABlockWithAReasonIsShownAuditedTakenByATerminalAndUndoneByAnUnblock(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        await backend.AddCardAsync(Card);
        var planner = backend.Services.GetRequiredService<DownlinkPlanner>();
        var bus = new LoopbackTerminal(81, backend.Services.GetRequiredService<DownlinkSigner>());
        var idle = new LoopbackTerminal(82, backend.Services.GetRequiredService<DownlinkSigner>());
        await bus.ExchangeAsync(planner);
        await StoredTerminalStatus.StoreAsync(backend.Services, bus);
        await StoredTerminalStatus.StoreAsync(backend.Services, idle);

        var page = await browser.SignedInPageAsync(backend.Http.BaseAddress!.ToString(), backend.Services, "desk-carla", StaffRoles.CustomerService);
        await page.GotoAsync("/blacklist");
        await page.Locator("#block-uid").FillAsync(Card.ToLowerInvariant());
        await page.Locator("#block-status").SelectOptionAsync("lost");
        await page.Locator("#block-reason").FillAsync("<script>window.hacked=1</script> reported stolen at the desk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Block the card", Exact = true }).ClickAsync();
        Assert.Contains($"Card {Card} is lost", await page.Locator("#answer").InnerTextAsync());
        Assert.Equal("1", await page.Locator("#blacklist-version").InnerTextAsync());
        var listing = page.Locator($"#listings tr[data-key='{Card}']");
        Assert.Contains("lost or stolen", await listing.InnerTextAsync());
        Assert.Equal("<script>window.hacked=1</script> reported stolen at the desk", await listing.Locator("td.why").InnerTextAsync());
        Assert.Contains("desk-carla", await listing.InnerTextAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.hacked"));
        Assert.Equal(1, await backend.CountAsync($"select count(*) from audit_log where action = 'card.block' and subject = 'card:{Card}' and actor = 'desk-carla'"));
        Assert.Equal(1, await backend.CountAsync($"select count(*) from cards where uid = '{Card}' and status = 'lost'"));
        var version = page.Locator("#versions tr[data-version='1']");
        Assert.Equal("0 of 2", await version.Locator("td.taken").InnerTextAsync());
        Assert.Equal("not yet", await version.Locator("td.fleet").InnerTextAsync());

        // The planner sends the new version to the firmware terminal at its next status; its next report says it holds it.
        bus.Stack.Status.RequestSoon();
        await bus.ExchangeAsync(planner);
        Assert.Equal(1u, bus.Blacklist.Version);
        Assert.Equal(BlacklistReasons.Lost, bus.Blacklist.LookupCard(Convert.FromHexString(Card), 0, 7).Reason);
        await StoredTerminalStatus.StoreAsync(backend.Services, bus);
        await page.GotoAsync("/blacklist");
        Assert.Equal("1 of 2", await version.Locator("td.taken").InnerTextAsync());
        Assert.Contains("Terminal 81: took it", await version.Locator("li[data-terminal='81']").TextContentAsync());
        Assert.Contains("Terminal 82: not yet", await version.Locator("li[data-terminal='82']").TextContentAsync());

        await idle.ExchangeAsync(planner);
        await StoredTerminalStatus.StoreAsync(backend.Services, idle);
        await page.GotoAsync("/blacklist");
        Assert.Equal("2 of 2", await version.Locator("td.taken").InnerTextAsync());
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", await version.Locator("td.fleet").InnerTextAsync());
        await page.ScreenshotAsync("blacklist");

        await page.Locator("#unblock-uid").FillAsync(Card);
        await page.Locator("#unblock-reason").FillAsync("found by its owner");
        await page.GetByRole(AriaRole.Button, new() { Name = "Unblock the card" }).ClickAsync();
        Assert.Contains($"Card {Card} is active again", await page.Locator("#answer").InnerTextAsync());
        Assert.Equal("2", await page.Locator("#blacklist-version").InnerTextAsync());
        Assert.Equal(0, await page.Locator($"#listings tr[data-key='{Card}']").CountAsync());
        Assert.Equal(1, await backend.CountAsync($"select count(*) from audit_log where action = 'card.unblock' and subject = 'card:{Card}' and reason = 'found by its owner'"));
        bus.Stack.Status.RequestSoon();
        await bus.ExchangeAsync(planner);
        Assert.Equal(2u, bus.Blacklist.Version);

        var phonePassword = await StaffUsers.CreateAsync(backend.Services, "desk-phone", StaffRoles.Operations);
        var phone = await browser.NewPageAsync(backend.Http.BaseAddress!.ToString(), phone: true);
        await phone.SignInAsync("desk-phone", phonePassword);
        await phone.Locator("#signed-in-as").WaitForAsync();
        await phone.GotoAsync("/blacklist");
        Assert.Equal("2", await phone.Locator("#blacklist-version").InnerTextAsync());
        await phone.ScreenshotAsync("blacklist-phone");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task BadInputIsRefusedWithTheApisRulesAndChangesNothing(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        await backend.AddCardAsync(Card);
        var page = await browser.SignedInPageAsync(backend.Http.BaseAddress!.ToString(), backend.Services, "ops-bl", StaffRoles.Operations);
        await page.GotoAsync("/blacklist");

        await page.Locator("#block-uid").FillAsync("04A1' or '1'='1");
        await page.Locator("#block-reason").FillAsync("testing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Block the card", Exact = true }).ClickAsync();
        Assert.Contains("is not a card UID", await page.Locator("#form-errors").InnerTextAsync());

        await page.Locator("#block-uid").FillAsync(Card);
        await page.Locator("#block-reason").FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Block the card", Exact = true }).ClickAsync();
        Assert.Contains("say why", await page.Locator("#form-errors").InnerTextAsync());

        await page.Locator("#block-uid").FillAsync("0011223344556677889A");
        await page.Locator("#block-reason").FillAsync("unknown card");
        await page.GetByRole(AriaRole.Button, new() { Name = "Block the card", Exact = true }).ClickAsync();
        Assert.Contains("is not in the card registry", await page.Locator("#answer").InnerTextAsync());

        await page.Locator("#unblock-uid").FillAsync(Card);
        await page.Locator("#unblock-reason").FillAsync("never blocked");
        await page.GetByRole(AriaRole.Button, new() { Name = "Unblock the card" }).ClickAsync();
        Assert.Contains("only a blocked or lost card can be unblocked", await page.Locator("#answer").InnerTextAsync());

        Assert.Equal(0, await backend.CountAsync("select count(*) from blacklist_versions"));
        Assert.Equal(0, await backend.CountAsync("select count(*) from audit_log where action like 'card.%'"));
    }

    [Fact]
    public async Task ARoleWithoutBlockCardsIsRefusedThePage()
    {
        await using var backend = await BackOfficeHost.StartAsync("sqlite");
        var page = await browser.SignedInPageAsync(backend.Http.BaseAddress!.ToString(), backend.Services, "finance-bl", StaffRoles.Finance);
        await page.GotoAsync("/blacklist");
        Assert.Equal("/access-denied", new Uri(page.Url).AbsolutePath);
        Assert.Equal(0, await page.Locator("nav a[href='/blacklist']").CountAsync());
    }
}
