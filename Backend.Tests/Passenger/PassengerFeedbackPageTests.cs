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
/// The feedback form in the browser at phone width, on both databases: stored through the intake with a reference
/// number, about a ride of the signed-in card, and script in it kept as text.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PassengerFeedbackPageTests(BrowserFixture browser)
{
    private const string Script = "<script>window.hacked=1</script> the reader beeped twice";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task FeedbackIsStoredWithAReferenceScriptStaysTextAndARideOfTheCardCanBeNamed(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        var page = await browser.NewPageAsync(backend.Http.BaseAddress!.ToString(), phone: true);

        await page.GotoAsync("/feedback/new");
        await page.GetByLabel("Message").FillAsync(Script);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        Assert.Contains("Topic is required", await page.Locator("#feedback-errors").InnerTextAsync());
        Assert.Equal(Script, await page.GetByLabel("Message").InputValueAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.hacked"));
        Assert.Equal(0, await backend.CountAsync("select count(*) from feedback"));

        await page.GetByLabel("Topic").SelectOptionAsync("card");
        await page.GetByLabel("E-mail or phone (optional)").FillAsync("rider@example.org");
        await page.ScreenshotAsync("passenger-feedback");
        var sent = await page.FormDataAsync("form.stacked");
        sent.Set("Topic", "card");
        sent.Set("Message", Script);
        sent.Set("Contact", "rider@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        var reference = long.Parse(await page.Locator("#reference").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, await backend.CountAsync($"select count(*) from feedback where feedback_id = {reference} and topic = 'card' and contact = 'rider@example.org' and card_uid is null and status = 'new'"));
        Assert.Equal(Script, await MessageAsync(backend, reference));
        Assert.Null(await page.EvaluateAsync<int?>("() => window.hacked"));
        var again = await page.APIRequest.PostAsync("/feedback/new", new() { Form = sent });
        Assert.Contains($"Your reference number is <strong id=\"reference\">{reference}</strong>", await again.TextAsync());
        Assert.Equal(1, await backend.CountAsync("select count(*) from feedback"));

        await backend.AddCardAsync(LedgerRecords.CardHex);
        await using (var store = backend.Services.GetRequiredService<StoreDatabase>().CreateTransactionStore())
        {
            await store.StoreGroupAsync([LedgerRecords.Batch(12, LedgerRecords.Card(TxKind.CardTapAccepted, 5, 250))]);
        }

        await page.SignInAsync("/my-card", LedgerRecords.CardHex, await PassengerBrowser.CodeAsync(backend.Services, "card:" + LedgerRecords.CardHex));
        await page.GetByRole(AriaRole.Link, new() { Name = "Tell us about it" }).ClickAsync();
        Assert.Contains("recorded by bus 12 (record 5)", await page.Locator("#about-trip").InnerTextAsync());
        await page.GetByLabel("Topic").SelectOptionAsync("fares");
        await page.GetByLabel("Message").FillAsync("Charged 2.50 although I had a transfer.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        var about = long.Parse(await page.Locator("#reference").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, await backend.CountAsync(
            $"select count(*) from feedback where feedback_id = {about} and card_uid = '{LedgerRecords.CardHex}' and trip_terminal = 12 and trip_sequence = 5"));
        Assert.Equal(1, await backend.CountAsync($"select count(*) from audit_log where action = 'feedback.submit' and actor = 'passenger' and subject = 'feedback:{about}'"));
    }

    private static async Task<string> MessageAsync(BackOfficeHost backend, long id)
    {
        await using var command = backend.DataSource.CreateCommand($"select message from feedback where feedback_id = {id}");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
