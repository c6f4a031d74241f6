using Backend.Ingest.Identity;
using Backend.Tests.BackOffice;
using Microsoft.Playwright;
using Xunit;

namespace Backend.Tests.Web;

/// <summary>The audit page in the browser: filters, CSV export, injection taken as text, no edit, other roles refused.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditPageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AnAuditorFiltersByActorActionSubjectAndDateAndExportsWhatIsShown(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        await backend.ExecuteAsync("""
            insert into audit_log (at, actor, action, subject, reason, detail) values
                (1764547200000, 'desk-3', 'card.load', 'card:04A1B2C3', null, '=HYPERLINK("http://evil")'),
                (1764633600000, 'j.smith', 'card.block', 'card:04A1B2C3', 'reported lost', null),
                (1764633700000, 'j.smith', 'finding.dismiss', 'finding:7', 'bus clock was wrong', null)
            """);
        var page = await browser.SignedInPageAsync(backend.Http.BaseAddress!.ToString(), backend.Services, "auditor-1", StaffRoles.Auditor);

        await page.GotoAsync("/audit");
        await page.GetByLabel("Actor").FillAsync("J.SMITH");
        await page.GetByLabel("Subject").FillAsync("card:04a1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var rows = page.Locator("#audit tbody tr");
        Assert.Equal(1, await rows.CountAsync());
        Assert.Contains("reported lost", await rows.First.InnerTextAsync());

        await page.GotoAsync("/audit?from=2025-12-01&to=2025-12-01");
        Assert.Equal(1, await rows.CountAsync());
        Assert.Contains("card.load", await rows.First.InnerTextAsync());
        await page.GotoAsync("/audit");
        await page.ScreenshotAsync("audit");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#csv").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("id,at_utc,actor,action,subject,reason,detail\r\n", csv);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", csv);
        Assert.Contains("\"j.smith\",\"finding.dismiss\"", csv);
        Assert.Equal(0, await page.Locator("#audit button, #audit input").CountAsync());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ScriptAndSqlInTheSearchFieldsAreSearchedForAsTextAndShownInert(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        await backend.ExecuteAsync("""
            insert into audit_log (at, actor, action, subject, reason, detail) values
                (1764547200000, '<script>window.hacked=1</script>', 'card.load', 'card:04A1B2C3', null, null),
                (1764547200001, 'desk-1', 'card.load', 'card:100%_off', null, null)
            """);
        var page = await browser.SignedInPageAsync(backend.Http.BaseAddress!.ToString(), backend.Services, "auditor-2", StaffRoles.Auditor);
        var rows = page.Locator("#audit tbody tr");

        await page.GotoAsync("/audit?actor=" + Uri.EscapeDataString("' or '1'='1"));
        Assert.Equal("Nothing matches.", await rows.First.InnerTextAsync());
        await page.GotoAsync("/audit?subject=" + Uri.EscapeDataString("'; delete from audit_log; --"));
        Assert.Equal("Nothing matches.", await rows.First.InnerTextAsync());
        await page.GotoAsync("/audit?subject=" + Uri.EscapeDataString("%_"));
        Assert.Equal(1, await rows.CountAsync());
        Assert.Contains("100%_off", await rows.First.InnerTextAsync());

        await page.GotoAsync("/audit?actor=" + Uri.EscapeDataString("<script>"));
        Assert.Equal(1, await rows.CountAsync());
        Assert.Contains("<script>window.hacked=1</script>", await rows.First.InnerTextAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.hacked"));
        Assert.Equal("<script>", await page.GetByLabel("Actor").InputValueAsync());

        await page.GotoAsync("/audit?from=yesterday");
        Assert.Contains("'From' is not a date", await page.Locator("#audit-errors").InnerTextAsync());
        Assert.Equal(2, await backend.CountAsync("select count(*) from audit_log where action = 'card.load'"));
    }

    [Fact]
    public async Task ARoleWithoutAuditIsRefusedThePageAndTheExport()
    {
        await using var backend = await BackOfficeHost.StartAsync("sqlite");
        var page = await browser.SignedInPageAsync(backend.Http.BaseAddress!.ToString(), backend.Services, "ops-1", StaffRoles.Operations);

        await page.GotoAsync("/audit");
        Assert.Equal("/access-denied", new Uri(page.Url).AbsolutePath);
        await page.GotoAsync("/audit?handler=Csv");
        Assert.Equal("/access-denied", new Uri(page.Url).AbsolutePath);
    }
}
