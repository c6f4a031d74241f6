using System.Globalization;
using Backend.Ingest.Passenger;
using Backend.Ingest.Storage;
using Backend.Tests.BackOffice;
using Backend.Tests.Ledger;
using Backend.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Passenger;

/// <summary>
/// The passenger's card page in the browser at phone width, on both databases: wrong codes refused and the card locked
/// after five, the right code shows the card's balance and rides as stored, and a session for one card shows no other
/// card and opens no staff page or API, and a form sent without its antiforgery token is refused.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PassengerCardPageTests(BrowserFixture browser)
{
    private const string CardA = LedgerRecords.CardHex;
    private const string CardB = "04A1B2C3";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task WrongCodesAreRefusedAndLockTheCardTheRightCodeShowsTheStoredBalanceAndRides(string kind)
    {
        await using var backend = await StartWithCardsAsync(kind);
        var page = await browser.NewPageAsync(backend.Http.BaseAddress!.ToString(), phone: true);
        var codeB = await PassengerBrowser.CodeAsync(backend.Services, "card:" + CardB);
        var wrong = PassengerBrowser.WrongCodeFor(codeB);

        for (var attempt = 1; attempt < new PassengerOptions().MaxWrongCodes; attempt++)
        {
            await page.SignInAsync("/my-card", CardB, wrong);
            Assert.Equal(HolderCheckText.Refused, await page.Locator("#sign-in-error").InnerTextAsync());
        }

        await page.SignInAsync("/my-card", CardB, wrong);
        Assert.Equal(HolderCheckText.LockedOut, await page.Locator("#sign-in-error").InnerTextAsync());
        await page.SignInAsync("/my-card", CardB, codeB);
        Assert.Equal(HolderCheckText.LockedOut, await page.Locator("#sign-in-error").InnerTextAsync());
        await page.ScreenshotAsync("passenger-sign-in-locked");
        await page.SignInAsync("/my-card", "04000000000099", wrong);
        Assert.Equal(HolderCheckText.Refused, await page.Locator("#sign-in-error").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#balance").CountAsync());

        await page.SignInAsync("/my-card", CardA[..7] + " " + CardA[7..], await PassengerBrowser.CodeAsync(backend.Services, "card:" + CardA));

        Assert.EndsWith("/my-card/" + CardA, page.Url);
        Assert.Equal("15.00", await page.Locator("#balance").InnerTextAsync());
        Assert.Equal(1500, await backend.CountAsync($"""
            select coalesce(sum(case when credit_account = 'card:{CardA}' then amount else -amount end), 0)
            from ledger_transfers where credit_account = 'card:{CardA}' or debit_account = 'card:{CardA}'
            """));
        var rows = await page.Locator("#trips tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.dataset.terminal, r.dataset.sequence, ...[...r.cells].slice(1, 5).map(c => c.innerText)])");
        Assert.Equal(await StoredRidesAsync(backend, CardA), rows.OrderBy(r => long.Parse(r[1], CultureInfo.InvariantCulture)).ToArray());
        Assert.Contains("Active", await page.Locator("#status").InnerTextAsync());
        await page.ScreenshotAsync("passenger-my-card");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ASessionForOneCardShowsNoOtherCardAndOpensNoStaffPageOrApi(string kind)
    {
        await using var backend = await StartWithCardsAsync(kind);
        await backend.ExecuteAsync($"update cards set status = 'blocked' where uid = '{CardB}'");
        var page = await browser.NewPageAsync(backend.Http.BaseAddress!.ToString(), phone: true);
        await page.SignInAsync("/my-card", CardA, await PassengerBrowser.CodeAsync(backend.Services, "card:" + CardA));
        Assert.Equal("15.00", await page.Locator("#balance").InnerTextAsync());

        var tampered = await page.GotoAsync("/my-card/" + CardB);
        Assert.Equal(403, tampered!.Status);
        Assert.Equal(0, await page.Locator("#balance, #trips, #top-ups").CountAsync());
        Assert.Equal(CardB, await page.GetByLabel("Card number").InputValueAsync());
        Assert.DoesNotContain("blocked", (await page.ContentAsync()).ToLowerInvariant());
        Assert.Equal(0, await page.Locator("nav[aria-label='Main']").CountAsync());

        foreach (var staffPage in new[] { "/", "/audit", "/staff" })
        {
            await page.GotoAsync(staffPage);
            Assert.Contains("/sign-in", page.Url);
        }

        foreach (var api in new[] { $"/api/cards/{CardA}", $"/api/cards/{CardA}/transactions", $"/api/cards/{CardA}/holder-code" })
        {
            Assert.Equal(401, (await page.APIRequest.GetAsync(api)).Status);
        }

        var forged = page.APIRequest.CreateFormData();
        forged.Set("CardNumber", CardB);
        forged.Set("Code", await PassengerBrowser.CodeAsync(backend.Services, "card:" + CardB));
        Assert.Equal(400, (await page.APIRequest.PostAsync("/my-card?handler=SignIn", new() { Form = forged, MaxRedirects = 0 })).Status);

        await page.SignInAsync("/my-card", CardB, await PassengerBrowser.CodeAsync(backend.Services, "card:" + CardB));
        Assert.StartsWith("Blocked: the card cannot pay.", await page.Locator("#status").InnerTextAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Top up this card online" }).CountAsync());
        await page.GotoAsync("/my-card/" + CardA);
        Assert.Equal(0, await page.Locator("#balance").CountAsync());
    }

    /// <summary>Card A loaded with 20.00 at the desk and two 2.50 rides on bus 12 stored; card B active with 7.00 and no rides.</summary>
    private static async Task<BackOfficeHost> StartWithCardsAsync(string kind)
    {
        var backend = await BackOfficeHost.StartAsync(kind);
        await backend.AddCardAsync(CardA);
        await backend.AddCardAsync(CardB);
        await backend.ExecuteAsync($"""
            insert into ledger_transfers (kind, debit_account, credit_account, amount, source_key, leg, occurred_at, posted_at) values
                ('load', 'clearing:cash', 'card:{CardA}', 2000, 'test-a', 0, 0, 0),
                ('load', 'clearing:cash', 'card:{CardB}', 700, 'test-b', 0, 0, 0)
            """);
        await using var store = backend.Services.GetRequiredService<StoreDatabase>().CreateTransactionStore();
        await store.StoreGroupAsync([LedgerRecords.Batch(12,
            LedgerRecords.Card(TxKind.CardTapAccepted, 1, 250), LedgerRecords.Card(TxKind.CardWriteCompleted, 2, 0), LedgerRecords.Card(TxKind.CardTapAccepted, 3, 250))]);
        return backend;
    }

    /// <summary>The card's rides as the transactions table holds them: terminal, sequence, what, route, amount, balance after.</summary>
    private static async Task<string[][]> StoredRidesAsync(BackOfficeHost backend, string uid)
    {
        await using var command = backend.DataSource.CreateCommand(
            $"select terminal_id, sequence, route_id, amount, balance_after from transactions where card_uid = '{uid}' and kind = {(int)TxKind.CardTapAccepted} order by sequence");
        await using var reader = await command.ExecuteReaderAsync();
        var rides = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rides.Add([
                reader.GetInt64(0).ToString(CultureInfo.InvariantCulture), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture), "Ride",
                $"Route {reader.GetInt64(2)}", Cents(reader.GetInt64(3)), Cents(reader.GetInt64(4))]);
        }

        return rides.ToArray();
    }

    private static string Cents(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
