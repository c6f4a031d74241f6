using Backend.Ingest.Identity;
using Backend.Tests.BackOffice;
using Microsoft.Playwright;
using Xunit;

namespace Backend.Tests.Web;

/// <summary>The admin's staff and API key page in the browser: each change done, shown, audited; other roles refused.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffPageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AnAdminCreatesAStaffMemberChangesTheirRolesLocksThemAndIssuesAndRevokesAKey(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        var address = backend.Http.BaseAddress!.ToString();
        var admin = await browser.SignedInPageAsync(address, backend.Services, "head-admin", StaffRoles.Admin);

        Assert.Equal(["Dashboard", "Audit log", "Staff and API keys"], await admin.Locator("header nav a").AllInnerTextsAsync());
        await admin.GotoAsync("/staff");
        await admin.GetByLabel("User name").FillAsync("casey");
        await admin.Locator("form[aria-labelledby='new-staff-heading']").GetByLabel(StaffRoles.CustomerService).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create with a one-time password" }).ClickAsync();
        var oneTime = await admin.Locator("#secret").InnerTextAsync();
        Assert.Contains("casey created", await admin.Locator("#answer").InnerTextAsync());
        Assert.Equal(StaffRoles.CustomerService, await admin.Locator("tr[data-user='casey'] td").Nth(1).InnerTextAsync());
        await admin.ScreenshotAsync("staff");

        var casey = await browser.NewPageAsync(address);
        await casey.SignInAsync("casey", oneTime);
        await casey.Locator("#one-time-notice").WaitForAsync();

        var row = admin.Locator("tr[data-user='casey']");
        await row.Locator("summary").ClickAsync();
        await row.GetByLabel(StaffRoles.Finance).CheckAsync();
        await row.Locator("form[action*='handler=Roles']").GetByLabel("Why").FillAsync("covers the refunds desk");
        await row.GetByRole(AriaRole.Button, new() { Name = "Save roles" }).ClickAsync();
        Assert.Equal("casey now has the roles customer-service, finance.", await admin.Locator("#answer").InnerTextAsync());

        row = admin.Locator("tr[data-user='casey']");
        await row.Locator("summary").ClickAsync();
        await row.Locator("form[action*='handler=Lock']").GetByLabel("Why").FillAsync("left the company");
        await row.GetByRole(AriaRole.Button, new() { Name = "Lock casey" }).ClickAsync();
        Assert.Equal("Locked", await admin.Locator("tr[data-user='casey'] td").Nth(2).InnerTextAsync());
        await casey.SignInAsync("casey", oneTime);
        Assert.Equal(Backend.Ingest.Web.Pages.SignInModel.LockedOut, await casey.Locator("#sign-in-error").InnerTextAsync());

        await admin.GetByLabel("Name (the integration that uses it)").FillAsync("ticket machines");
        await admin.Locator("form[aria-labelledby='new-key-heading']").GetByLabel(StaffRoles.Operations).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Issue key" }).ClickAsync();
        var key = await admin.Locator("#secret").InnerTextAsync();
        using var machine = new HttpClient { BaseAddress = backend.Http.BaseAddress };
        machine.DefaultRequestHeaders.Authorization = new("Bearer", key);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await machine.GetAsync("/api/fare-tables")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await machine.GetAsync("/api/ledger/trial-balance")).StatusCode);

        var keyRow = admin.Locator("#keys tbody tr", new() { HasText = "ticket machines" });
        await keyRow.GetByLabel("Why revoke").FillAsync("machines replaced");
        await keyRow.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        Assert.Contains("revoked", await admin.Locator("#answer").InnerTextAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await machine.GetAsync("/api/fare-tables")).StatusCode);

        Assert.Equal(1, await backend.CountAsync("select count(*) from audit_log where actor = 'head-admin' and action = 'staff.create' and subject = 'staff:casey'"));
        Assert.Equal(1, await backend.CountAsync("select count(*) from audit_log where actor = 'head-admin' and action = 'staff.roles' and reason = 'covers the refunds desk'"));
        Assert.Equal(1, await backend.CountAsync("select count(*) from audit_log where actor = 'head-admin' and action = 'staff.lock' and reason = 'left the company'"));
        Assert.Equal(1, await backend.CountAsync("select count(*) from audit_log where actor = 'head-admin' and action = 'api-key.issue'"));
        Assert.Equal(1, await backend.CountAsync("select count(*) from audit_log where actor = 'head-admin' and action = 'api-key.revoke' and reason = 'machines replaced'"));
    }

    [Fact]
    public async Task AChangeWithoutAReasonIsRefusedAndARoleWithoutAdminIsSentToAccessDenied()
    {
        await using var backend = await BackOfficeHost.StartAsync("sqlite");
        var address = backend.Http.BaseAddress!.ToString();
        await StaffUsers.CreateAsync(backend.Services, "target", StaffRoles.Finance);
        var admin = await browser.SignedInPageAsync(address, backend.Services, "admin-2", StaffRoles.Admin);
        await admin.GotoAsync("/staff");
        var row = admin.Locator("tr[data-user='target']");
        await row.Locator("summary").ClickAsync();
        await row.Locator("form[action*='handler=Lock'] input[name=reason]").EvaluateAsync("e => e.removeAttribute('required')");
        await row.GetByRole(AriaRole.Button, new() { Name = "Lock target" }).ClickAsync();
        Assert.Contains("Say why", await admin.Locator("#answer").InnerTextAsync());
        Assert.Equal(0, await backend.CountAsync("select count(*) from audit_log where action = 'staff.lock'"));

        var finance = await browser.SignedInPageAsync(address, backend.Services, "finance-1", StaffRoles.Finance);
        Assert.Equal(["Dashboard", "Reports"], await finance.Locator("header nav a").AllInnerTextsAsync());
        await finance.GotoAsync("/staff");
        Assert.Equal("/access-denied", new Uri(finance.Url).AbsolutePath);
        Assert.True(await finance.Locator("#access-denied").IsVisibleAsync());
        await finance.ScreenshotAsync("access-denied");
    }
}
