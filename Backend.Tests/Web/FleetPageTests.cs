using System.Net;
using Backend.Ingest.Identity;
using Backend.Tests.BackOffice;
using Backend.Tests.Ledger;
using Microsoft.Playwright;
using Terminal.Firmware.Journal;
using Xunit;
using WireReport = Terminal.Firmware.Downlink.TerminalStatusReport;

namespace Backend.Tests.Web;

/// <summary>
/// The fleet pages in a real browser over the whole backend: statuses through the status intake, records through the
/// ingest store; the list filtered and sorted, one terminal's events in words and its transactions, unknown ids, roles.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FleetPageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheFleetShowsEachTerminalsVersionsBacklogAndStateFilteredAndSortedAndATerminalsEventsInWords(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        var now = DateTimeOffset.UtcNow;
        var at = (uint)now.AddMinutes(-5).ToUnixTimeSeconds();
        TxRecord Event(uint sequence, TerminalEventCode code, uint value) =>
            new() { Kind = TxKind.TerminalEvent, Sequence = sequence, Timestamp = at + sequence, EventCode = (int)code, EventValue = value, Route = 7 };
        var tap = LedgerRecords.Card(TxKind.CardTapAccepted, 3, 250);
        tap.Timestamp = at + 3;
        await using (var store = await backend.Database.OpenAsync())
        {
            await store.StoreGroupAsync([
                LedgerRecords.Batch(8, Event(1, TerminalEventCode.Boot, 7), Event(2, TerminalEventCode.BlacklistActivated, 12), tap,
                    Event(4, TerminalEventCode.BlacklistUnchecked, 2), Event(5, (TerminalEventCode)99, 5)),
                LedgerRecords.Batch(10, Event(1, TerminalEventCode.Boot, 6)),
            ]);
        }

        // Terminal 8 online with its clock two minutes fast (a clock alarm); 9 last heard an hour ago; 10 only sent a batch.
        await FleetStatuses.ReportAsync(backend.Services, new WireReport
        {
            TerminalId = 8, Online = true, FirmwareVersion = 7, FareTableVersion = 3, BlacklistVersion = 12, KeysVersion = 2, PendingLoadsVersion = 6, JournalBacklog = 4,
            ClockUnixSeconds = now.ToUnixTimeSeconds() + 120,
        }, now);
        await FleetStatuses.ReportAsync(backend.Services, new WireReport
        {
            TerminalId = 9, Online = true, FirmwareVersion = 6, FareTableVersion = 2, BlacklistVersion = 11, KeysVersion = 1, JournalBacklog = 40,
            ClockUnixSeconds = now.AddHours(-1).ToUnixTimeSeconds(),
        }, now.AddHours(-1));

        var page = await browser.SignedInPageAsync(backend.Http.BaseAddress!.ToString(), backend.Services, "oscar", StaffRoles.Operations);
        await page.GetByRole(AriaRole.Link, new() { Name = "Fleet", Exact = true }).ClickAsync();
        Assert.Equal("/fleet", new Uri(page.Url).AbsolutePath);
        Assert.Equal(["8", "9", "10"], await TerminalsAsync(page));
        Assert.Equal("3 terminals, 1 online, 2 offline; showing 3.", await page.Locator("#fleet-counts").InnerTextAsync());
        var eight = await page.Locator("tr[data-terminal='8'] td").AllInnerTextsAsync();
        Assert.Equal(["Online", "7", "3", "12", "2", "6", "4", "5"], eight.Take(8));
        Assert.Contains("just now", eight[8]);
        Assert.Contains("clock is 120 s ahead", eight[9]);
        var ten = await page.Locator("tr[data-terminal='10'] td").AllInnerTextsAsync();
        Assert.Equal(["Offline", "–", "–", "–", "–", "–", "–", "1", "never reported", "–"], ten);
        Assert.Contains("1 h ago", await page.Locator("tr[data-terminal='9'] td").Nth(8).InnerTextAsync());
        await page.ScreenshotAsync("fleet");

        await page.GetByLabel("Show").SelectOptionAsync("offline");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        Assert.Equal(["9", "10"], await TerminalsAsync(page));
        await page.GotoAsync("/fleet?state=alarm");
        Assert.Equal(["8"], await TerminalsAsync(page));
        await page.GotoAsync("/fleet?state=online");
        Assert.Equal(["8"], await TerminalsAsync(page));
        await page.GotoAsync("/fleet?sort=backlog");
        Assert.Equal(["9", "8", "10"], await TerminalsAsync(page));
        await page.GotoAsync("/fleet?sort=last-seen");
        Assert.Equal(["10", "9", "8"], await TerminalsAsync(page));
        var bad = await page.GotoAsync("/fleet?state=broken");
        Assert.Equal((int)HttpStatusCode.BadRequest, bad!.Status);
        Assert.Contains("state 'broken' is not one of all, online, offline, alarm.", await page.Locator("#fleet-errors").InnerTextAsync());

        await page.GotoAsync("/fleet");
        await page.GetByRole(AriaRole.Link, new() { Name = "Terminal 8", Exact = true }).ClickAsync();
        Assert.Equal("/fleet/8", new Uri(page.Url).AbsolutePath);
        Assert.Equal("7", await page.Locator("#firmware").InnerTextAsync());
        Assert.Equal("4", await page.Locator("#backlog").InnerTextAsync());
        Assert.Equal("6", await page.Locator("#pending-loads").InnerTextAsync());
        Assert.Contains("clock is 120 s ahead", await page.Locator("#alarms").InnerTextAsync());
        var events = new List<string[]>();
        foreach (var row in await page.Locator("#events tbody tr").AllAsync())
        {
            events.Add([.. (await row.Locator("td").AllInnerTextsAsync()).Skip(1)]);
        }

        Assert.Equal(
        [
            ["5", "Event 99", "value 5"],
            ["4", "Card accepted without a blacklist check", "no trusted blacklist installed"],
            ["2", "Blacklist in force", "version 12"],
            ["1", "Started", "firmware version 7"],
        ], events);
        var transactions = await page.Locator("#terminal-transactions tbody tr").AllAsync();
        Assert.Equal(5, transactions.Count);
        var shown = await Task.WhenAll(transactions.Select(async row => (await row.Locator("td").AllInnerTextsAsync()).Skip(1).ToArray()));
        Assert.Contains(shown, row => row.SequenceEqual(["3", "CardTapAccepted", LedgerRecords.CardHex, "7", "2.50", "5.00"]));
        await page.ScreenshotAsync("fleet-terminal");

        var unknown = await page.GotoAsync("/fleet/77");
        Assert.Equal((int)HttpStatusCode.NotFound, unknown!.Status);
        Assert.Equal("Terminal 77 has sent neither a status nor a batch of records.", await page.Locator("#not-found").InnerTextAsync());
        var notAnId = await page.GotoAsync("/fleet/-1");
        Assert.Equal((int)HttpStatusCode.NotFound, notAnId!.Status);
        Assert.Contains("'-1' is not a terminal id", await page.Locator("#not-found").InnerTextAsync());

        var phone = await browser.NewPageAsync(backend.Http.BaseAddress!.ToString(), phone: true);
        await phone.SignInAsync("olivia", await StaffUsers.CreateAsync(backend.Services, "olivia", StaffRoles.Operations));
        await phone.GotoAsync("/fleet");
        Assert.Equal(["8", "9", "10"], await TerminalsAsync(phone));
        await phone.ScreenshotAsync("fleet-phone");
        await phone.GotoAsync("/fleet/8");
        await phone.ScreenshotAsync("fleet-terminal-phone");
    }

    [Theory]
    [InlineData(StaffRoles.CustomerService)]
    [InlineData(StaffRoles.Finance)]
    public async Task RolesThatDoNotRunTheFleetAreRefusedItsPages(string role)
    {
        await using var backend = await BackOfficeHost.StartAsync("sqlite");
        var page = await browser.SignedInPageAsync(backend.Http.BaseAddress!.ToString(), backend.Services, "not-ops", role);

        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Fleet", Exact = true }).CountAsync());
        await page.GotoAsync("/fleet");
        Assert.Equal("/access-denied", new Uri(page.Url).AbsolutePath);
        await page.GotoAsync("/fleet/8");
        Assert.Equal("/access-denied", new Uri(page.Url).AbsolutePath);
    }

    private static async Task<IReadOnlyList<string>> TerminalsAsync(IPage page) =>
        [.. await page.Locator("#fleet-terminals tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(row => row.dataset.terminal)")];
}
