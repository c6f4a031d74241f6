using Backend.Ingest.Changes;
using Backend.Ingest.Loads;
using Backend.Ingest.Passenger;
using Backend.Ingest.Storage;
using Backend.Tests.Ledger;
using Backend.Tests.Payments;
using Backend.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Terminal.Firmware.Journal;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Backend.Tests.Passenger;

/// <summary>
/// The online top-up in the browser at phone width, on both databases, through the in-process sandbox checkout: paid,
/// shown waiting for the next tap, applied once the card's load-applied record is stored; a form sent twice pays once.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PassengerTopUpPageTests(BrowserFixture browser)
{
    private const string Card = LedgerRecords.CardHex;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ACardTopUpPaidInTheCheckoutWaitsForTheNextTapAndIsShownAppliedAfterIt(string kind)
    {
        await using var backend = await PaymentsHost.StartAsync(kind);
        await backend.AddCardAsync(Card);
        var page = await browser.NewPageAsync(backend.WebAddress, phone: true);
        await page.SignInAsync("/my-card", Card, await PassengerBrowser.CodeAsync(backend.Services, "card:" + Card));

        await page.GetByRole(AriaRole.Link, new() { Name = "Top up this card online" }).ClickAsync();
        Assert.Contains(Card, await page.Locator("#top-up-target").InnerTextAsync());
        await page.GetByLabel("Amount").FillAsync("10.00");
        await page.ScreenshotAsync("passenger-top-up");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        Assert.Contains("/sandbox/checkout/", page.Url);
        await page.ScreenshotAsync("passenger-sandbox-checkout");
        await page.Locator("#pay").ClickAsync();

        Assert.Matches("/top-up/pay_[0-9a-f]{32}$", page.Url);
        var outcome = page.Locator("#outcome");
        await Expect(outcome).ToHaveTextAsync("Paid 10.00: added at your next tap on any bus.", new() { Timeout = 30_000 });
        await page.ScreenshotAsync("passenger-top-up-paid");
        var paymentId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        Assert.Equal(1, await backend.ScalarAsync($"select count(*) from payments where payment_id = '{paymentId}' and status = 'paid' and card_uid = '{Card}' and amount = 1000"));
        var loadId = await backend.ScalarAsync($"select load_id from pending_loads where payment_id = '{paymentId}'");

        await page.GotoAsync("/my-card");
        Assert.Equal("pending", await page.Locator("#top-ups tbody tr").First.GetAttributeAsync("data-status"));
        Assert.StartsWith("Waiting: added at your next tap on any bus", await page.Locator("#top-ups tbody tr td").Nth(2).InnerTextAsync());

        await TapTakesTheLoadAsync(backend, loadId, 1000);

        await page.GotoAsync("/top-up/" + paymentId);
        Assert.StartsWith("Paid 10.00: added to your card at ", await outcome.InnerTextAsync());
        await page.GotoAsync("/my-card");
        Assert.Equal("applied", await page.Locator("#top-ups tbody tr").First.GetAttributeAsync("data-status"));
        Assert.Equal("Online top-up added", await page.Locator("#trips tbody tr td").Nth(1).InnerTextAsync());
        Assert.Equal("10.00", await page.Locator("#balance").InnerTextAsync());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheSameTopUpFormSentTwiceOpensOnePaymentAndAWrongCodeOpensNone(string kind)
    {
        await using var backend = await PaymentsHost.StartAsync(kind);
        await backend.AddCardAsync(Card);
        await backend.AddAccountAsync(31);
        var page = await browser.NewPageAsync(backend.WebAddress, phone: true);

        await page.GotoAsync("/top-up");
        await page.GetByLabel("My account (QR rides)").CheckAsync();
        await page.GetByLabel("Account number (for an account)").FillAsync("31");
        await page.GetByLabel("Code").FillAsync(PassengerBrowser.WrongCodeFor(await PassengerBrowser.CodeAsync(backend.Services, "account:31")));
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        Assert.Equal(HolderCheckText.Refused, await page.Locator("#top-up-error").InnerTextAsync());
        await page.GetByLabel("Amount").FillAsync("2.00");
        await page.GetByLabel("Code").FillAsync(await PassengerBrowser.CodeAsync(backend.Services, "account:31"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        Assert.Equal("Choose an amount from 5.00 to 200.00.", await page.Locator("#top-up-error").InnerTextAsync());
        Assert.Equal(0, await backend.ScalarAsync("select count(*) from payments"));

        await page.SignInAsync("/my-card", Card, await PassengerBrowser.CodeAsync(backend.Services, "card:" + Card));
        await page.GotoAsync("/top-up");
        await page.GetByLabel("Amount").FillAsync("12.50");
        var form = await page.FormDataAsync("form.stacked");
        var first = await page.APIRequest.PostAsync("/top-up", new() { Form = form, MaxRedirects = 0 });
        var second = await page.APIRequest.PostAsync("/top-up", new() { Form = form, MaxRedirects = 0 });

        Assert.Equal((302, 302), (first.Status, second.Status));
        Assert.Contains("/sandbox/checkout/cs_sbx_", first.Headers["location"]);
        Assert.Matches("^/top-up/pay_[0-9a-f]{32}$", second.Headers["location"]);
        Assert.Equal(1, await backend.ScalarAsync($"select count(*) from payments where card_uid = '{Card}' and amount = 1250"));
        Assert.Equal(1, await backend.ScalarAsync("select count(*) from audit_log where action = 'payment.create' and actor = 'passenger'"));
        await page.GotoAsync(second.Headers["location"]);
        Assert.Equal("Waiting for the payment of 12.50. This page updates by itself.", await page.Locator("#outcome").InnerTextAsync());
    }

    /// <summary>
    /// The card's next tap as the backend sees it: the load joins the fleet's list (so it has its number on the card),
    /// and a bus's journal carries the load-applied record of that number.
    /// </summary>
    private static async Task TapTakesTheLoadAsync(PaymentsHost backend, long loadId, int amount)
    {
        await PendingLoadService.RunPassAsync(backend.DataSource, backend.Services.GetRequiredService<ChangeRunner>(),
            backend.Services.GetRequiredService<PendingLoadListCatalog>(), DateTimeOffset.UtcNow, default);
        var record = LedgerRecords.Card(TxKind.LoadApplied, 40, amount);
        record.Route = 0;
        record.LoadNumber = (int)await backend.ScalarAsync($"select load_number from pending_load_numbers where load_id = {loadId}");
        record.BalanceAfter = amount;
        await using var store = backend.Services.GetRequiredService<StoreDatabase>().CreateTransactionStore();
        await store.StoreGroupAsync([LedgerRecords.Batch(12, record)]);
        Assert.Equal(PendingLoadStatuses.Applied, (await PendingLoads.ReadAsync(backend.DataSource, loadId, default))!.Status);
    }
}
