using Backend.Ingest.Downlink;
using Backend.Ingest.Fares;
using Backend.Ingest.Identity;
using Backend.Tests.BackOffice;
using Backend.Tests.Downlink;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Terminal.Emulator.Backoffice;
using Xunit;

namespace Backend.Tests.Web;

/// <summary>
/// The Fare tables pages in the browser over the whole backend: a draft from the current table, a value the firmware's
/// parser refuses shown next to its field and not publishable, fixed, scheduled, published (signed, audited) and taken
/// by a firmware terminal; other roles refused.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FareTablePageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ADraftFromTheCurrentTableIsRefusedByTheParserFixedScheduledPublishedAndTakenByATerminal(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        var signer = backend.Services.GetRequiredService<DownlinkSigner>();
        var planner = backend.Services.GetRequiredService<DownlinkPlanner>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using (var published = await backend.PostBytesAsync("/api/fare-tables", DemoFareTable.Builder(signer.KeyId, now - 86_400).Build(data => signer.Signature(data))))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, published.StatusCode);
        }

        var bus = new LoopbackTerminal(71, signer);
        var idle = new LoopbackTerminal(72, signer);
        await bus.ExchangeAsync(planner);
        await StoredTerminalStatus.StoreAsync(backend.Services, bus);
        await StoredTerminalStatus.StoreAsync(backend.Services, idle);
        Assert.Equal(1u, bus.Report().FareTableVersion);

        var page = await browser.SignedInPageAsync(backend.Http.BaseAddress!.ToString(), backend.Services, "fares-olga", StaffRoles.Operations);
        await page.GotoAsync("/fare-tables");
        Assert.Equal("1 of 2", await page.Locator("#versions tr[data-version='1'] td.holding").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Start a new version from the current one" }).ClickAsync();
        await page.WaitForURLAsync("**/fare-tables/drafts/*");
        Assert.Equal("2", await page.Locator("#next-version").InnerTextAsync());
        Assert.Equal("2.50", await page.GetByLabel("Flat fare, row 1").InputValueAsync());
        Assert.Equal("4.00", await page.GetByLabel("Flat fare, row 4").InputValueAsync());
        Assert.Contains("accepts this table", await page.Locator("#verdict").InnerTextAsync());

        await page.GetByLabel("Flat fare, row 1").FillAsync("-1.00");
        await page.GetByLabel("Concession for Child").SelectOptionAsync("percent");
        await page.GetByLabel("Value for Child").FillAsync("150");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and check" }).ClickAsync();
        Assert.Contains("refuses this table (InvalidValue)", await page.Locator("#verdict").InnerTextAsync());
        Assert.Contains("A flat fare is 0.00 to 10000.00", await page.Locator("#form-routes-0-error").InnerTextAsync());
        Assert.Contains("Percent off is 0 to 100", await page.Locator("#form-concessions-1-error").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#form-routes-1-error").CountAsync());
        Assert.Equal("true", await page.Locator("#routes tr[data-row='0']").GetAttributeAsync("aria-invalid"));
        await page.ScreenshotAsync("fare-table-draft-refused");

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version 2" }).ClickAsync();
        Assert.Contains("The firmware's parser refuses it (InvalidValue)", await page.Locator("#answer").InnerTextAsync());
        Assert.Equal(1, await backend.CountAsync("select count(*) from fare_table_versions"));

        await page.GetByLabel("Passback window (seconds)").FillAsync("two minutes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and check" }).ClickAsync();
        Assert.Contains("Nothing was saved", await page.Locator("#answer").InnerTextAsync());
        Assert.Contains("'two minutes' is not a whole number", await page.Locator("#form-passback-error").InnerTextAsync());

        var tomorrow = DateTimeOffset.UtcNow.AddDays(1).UtcDateTime.Date.AddHours(3);
        await page.GetByLabel("Passback window (seconds)").FillAsync("120");
        await page.GetByLabel("Flat fare, row 1").FillAsync("3.00");
        await page.GetByLabel("Value for Child").FillAsync("50");
        await page.GetByLabel("Takes effect (UTC)").FillAsync(tomorrow.ToString(FareDraftForm.TimeFormat));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and check" }).ClickAsync();
        Assert.Contains("accepts this table", await page.Locator("#verdict").InnerTextAsync());
        Assert.Equal(0, await page.Locator(".field-error").CountAsync());
        await page.ScreenshotAsync("fare-table-draft");

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version 2" }).ClickAsync();
        await page.WaitForURLAsync("**/fare-tables");
        var row = page.Locator("#versions tr[data-version='2']");
        Assert.Contains(tomorrow.ToString("yyyy-MM-dd HH:mm"), await row.InnerTextAsync());
        Assert.Contains("fares-olga", await row.InnerTextAsync());
        Assert.Equal("0 of 2", await row.Locator("td.holding").InnerTextAsync());
        Assert.Equal("terminal 71, terminal 72", await row.Locator("td.waiting").InnerTextAsync());
        Assert.Equal(1, await backend.CountAsync("select count(*) from audit_log where action = 'fare_table.publish' and subject = 'fare_table:2' and actor = 'fares-olga'"));
        // Two saves: the one the parser refused (a draft may be unfinished) and the fixed one; the unwritable one saved nothing.
        Assert.Equal(2, await backend.CountAsync("select count(*) from audit_log where action = 'fare_table_draft.save' and actor = 'fares-olga'"));

        // The firmware terminal takes the signed table (pending until tomorrow) at its next status and reports it.
        bus.Stack.Status.RequestSoon();
        await bus.ExchangeAsync(planner);
        Assert.Equal(2u, bus.Fares.Pending?.Version);
        Assert.Equal(300, bus.Fares.Pending!.RouteFare(bus.Fares.Pending.FindRoute(1), 0, 0));
        await StoredTerminalStatus.StoreAsync(backend.Services, bus);
        await page.ReloadAsync();
        Assert.Equal("1 of 2", await row.Locator("td.holding").InnerTextAsync());
        Assert.Equal("terminal 72", await row.Locator("td.waiting").InnerTextAsync());
        await page.ScreenshotAsync("fare-tables");

        var phonePassword = await StaffUsers.CreateAsync(backend.Services, "fares-phone", StaffRoles.Operations);
        var phone = await browser.NewPageAsync(backend.Http.BaseAddress!.ToString(), phone: true);
        await phone.SignInAsync("fares-phone", phonePassword);
        await phone.Locator("#signed-in-as").WaitForAsync();
        await phone.GotoAsync("/fare-tables");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Start a new version from the current one" }).ClickAsync();
        await phone.WaitForURLAsync("**/fare-tables/drafts/*");
        Assert.Equal("3", await phone.Locator("#next-version").InnerTextAsync());
        await phone.ScreenshotAsync("fare-table-draft-phone");
    }

    [Fact]
    public async Task ARoleWithoutOperateFleetIsRefusedTheFareTablePages()
    {
        await using var backend = await BackOfficeHost.StartAsync("sqlite");
        var page = await browser.SignedInPageAsync(backend.Http.BaseAddress!.ToString(), backend.Services, "carla-fares", StaffRoles.CustomerService);

        await page.GotoAsync("/fare-tables");
        Assert.Equal("/access-denied", new Uri(page.Url).AbsolutePath);
        await page.GotoAsync("/fare-tables/drafts/1");
        Assert.Equal("/access-denied", new Uri(page.Url).AbsolutePath);
        Assert.Equal(0, await page.Locator("nav a[href='/fare-tables']").CountAsync());
        Assert.Equal(0, await backend.CountAsync("select count(*) from fare_table_drafts"));
    }
}
