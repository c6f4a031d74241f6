using System.Text;
using Backend.Ingest.Downlink;
using Backend.Ingest.Qr;
using Backend.Tests.BackOffice;
using Backend.Tests.Downlink;
using Backend.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Qr;
using Xunit;

namespace Backend.Tests.Passenger;

/// <summary>
/// The passenger's account page in the browser at phone width, on both databases: the balance, a QR ride token shown
/// large enough to scan that the firmware's verifier accepts, and a refusal said plainly.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PassengerAccountPageTests(BrowserFixture browser)
{
    private const long Account = 4_000_000_001;
    private const long InDebt = 4_000_000_002;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AnAccountHolderGetsAQrTokenTheFirmwareAcceptsAndAnAccountInDebtIsToldWhyNot(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        await backend.AddAccountAsync(Account);
        await backend.PostToAccountAsync(Account, 2_000);
        await backend.AddAccountAsync(InDebt);
        await backend.PostToAccountAsync(InDebt, -150);
        var terminal = new LoopbackTerminal(31, backend.Services.GetRequiredService<DownlinkSigner>());
        await terminal.ExchangeAsync(backend.Services.GetRequiredService<DownlinkPlanner>());
        var page = await browser.NewPageAsync(backend.Http.BaseAddress!.ToString(), phone: true);

        await page.SignInAsync("/my-account", Account.ToString(), await PassengerBrowser.CodeAsync(backend.Services, $"account:{Account}"));
        Assert.Equal("20.00", await page.Locator("#balance").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Get a QR ride token" }).ClickAsync();

        var figure = page.Locator("#qr-token");
        var image = figure.Locator("img");
        Assert.True(await image.EvaluateAsync<bool>("img => img.complete && img.naturalWidth >= 392"));
        Assert.InRange(await image.EvaluateAsync<double>("img => img.getBoundingClientRect().width"), 300, 392);
        var text = Encoding.ASCII.GetBytes((await figure.GetAttributeAsync("data-token"))!);
        var verifier = new QrTokenVerifier(terminal.Clock, terminal.Ring, new Ed25519Verifier(), new UsedTokenSet(16));
        Assert.Equal(QrTokenStatus.Ok, verifier.Verify(text, 0, text.Length));
        Assert.Equal((long)Account, (long)verifier.Token.AccountId);
        Assert.Equal(1, await backend.CountAsync($"select count(*) from qr_tokens where account_id = {Account} and token_id = {verifier.Token.TokenId}"));
        Assert.Equal(1, await backend.CountAsync("select count(*) from audit_log where action = 'qr_token.issue' and actor = 'passenger'"));
        await page.ScreenshotAsync("passenger-qr-token");

        await page.GotoAsync("/my-account");
        Assert.Equal(0, await page.Locator("#qr-token").CountAsync());
        Assert.Equal(1, await backend.CountAsync($"select count(*) from qr_tokens where account_id = {Account}"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Get a QR ride token" }).ClickAsync();
        Assert.Equal(2, await backend.CountAsync($"select count(*) from qr_tokens where account_id = {Account}"));

        await page.SignInAsync("/my-account", InDebt.ToString(), await PassengerBrowser.CodeAsync(backend.Services, $"account:{InDebt}"));
        Assert.Equal("-1.50", await page.Locator("#balance").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Get a QR ride token" }).ClickAsync();
        Assert.Equal($"Account {InDebt} owes 1.50; top it up before asking for a QR token.", await page.Locator("#qr-refusal").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#qr-token").CountAsync());
        Assert.Equal(0, await backend.CountAsync($"select count(*) from qr_tokens where account_id = {InDebt}"));
    }
}
