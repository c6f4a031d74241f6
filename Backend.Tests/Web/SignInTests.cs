using System.Net;
using Backend.Ingest.Identity;
using Backend.Tests.BackOffice;
using Microsoft.Playwright;
using Xunit;

namespace Backend.Tests.Web;

/// <summary>Signing in to the web application in a real browser: the whole backend on a real port, on both stores.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AOneTimePasswordLeadsToANewPasswordThenTheDashboardWithTheNavigationOfTheRoles(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        var oneTime = await StaffUsers.CreateWithOneTimePasswordAsync(backend.Services, "ada", StaffRoles.Operations);
        var page = await browser.NewPageAsync(backend.Http.BaseAddress!.ToString());

        await page.GotoAsync("/");
        Assert.Contains("/sign-in", page.Url);
        await page.ScreenshotAsync("sign-in");
        await page.SignInAsync("ada", oneTime);
        await page.Locator("#one-time-notice").WaitForAsync();
        Assert.Equal("/change-password", new Uri(page.Url).AbsolutePath);
        await page.GetByLabel("New password (at least").FillAsync("short");
        await page.GetByLabel("New password again").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        Assert.Contains("at least 12", await page.Locator("#change-password-errors").InnerTextAsync());
        await page.ScreenshotAsync("change-password");

        await page.GetByLabel("New password (at least").FillAsync("a long passphrase of mine");
        await page.GetByLabel("New password again").FillAsync("a long passphrase of mine");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await page.Locator("#signed-in-as").WaitForAsync();
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        Assert.Equal("ada", await page.Locator("#signed-in-as").InnerTextAsync());
        Assert.Equal(["Dashboard", "Reports", "Fleet", "Fare tables", "Blacklist"], await page.Locator("header nav a").AllInnerTextsAsync());
        Assert.True(await page.Locator("#fleet").IsVisibleAsync());
        await page.ScreenshotAsync("dashboard");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).WaitForAsync();
        await page.GotoAsync("/");
        Assert.Contains("/sign-in", page.Url);

        await page.SignInAsync("ada", oneTime);
        Assert.Equal(SignInPageText.Wrong, await page.Locator("#sign-in-error").InnerTextAsync());
        await page.SignInAsync("ada", "a long passphrase of mine");
        await page.Locator("#signed-in-as").WaitForAsync();
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task FiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        var password = await StaffUsers.CreateAsync(backend.Services, "grace", StaffRoles.Finance);
        var page = await browser.NewPageAsync(backend.Http.BaseAddress!.ToString());

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await page.SignInAsync("grace", $"wrong-{attempt}");
            Assert.Equal(SignInPageText.Wrong, await page.Locator("#sign-in-error").InnerTextAsync());
        }

        await page.SignInAsync("grace", "wrong-5");
        Assert.Equal(SignInPageText.Locked, await page.Locator("#sign-in-error").InnerTextAsync());
        await page.SignInAsync("grace", password);
        Assert.Equal(SignInPageText.Locked, await page.Locator("#sign-in-error").InnerTextAsync());
        await page.ScreenshotAsync("sign-in-locked");
        Assert.Equal(1, await backend.CountAsync("select count(*) from staff_users where user_name = 'grace' and lockout_end is not null"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AnUnknownUserGetsTheSameAnswerAsAWrongPassword(string kind)
    {
        await using var backend = await BackOfficeHost.StartAsync(kind);
        var page = await browser.NewPageAsync(backend.Http.BaseAddress!.ToString());

        await page.SignInAsync("nobody", "whatever it is");

        Assert.Equal(SignInPageText.Wrong, await page.Locator("#sign-in-error").InnerTextAsync());
    }

    [Fact]
    public async Task ASignInPostedWithoutTheAntiforgeryTokenIsRefused()
    {
        await using var backend = await BackOfficeHost.StartAsync("sqlite");
        var password = await StaffUsers.CreateAsync(backend.Services, "mallory-target", StaffRoles.Admin);
        using var anonymous = new HttpClient { BaseAddress = backend.Http.BaseAddress };

        using var response = await anonymous.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "mallory-target",
            ["Password"] = password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("busfare.staff=", StringComparison.Ordinal)));
    }

    private static class SignInPageText
    {
        public const string Wrong = Backend.Ingest.Web.Pages.SignInModel.WrongCredentials;
        public const string Locked = Backend.Ingest.Web.Pages.SignInModel.LockedOut;
    }
}
