using Microsoft.Playwright;

namespace Backend.Tests.Web;

/// <summary>Pages of the web application in the test browser: a fresh context (no cookies) per page, signing in, screenshots.</summary>
internal static class StaffBrowser
{
    /// <summary>Where screenshots go: TestResults/screenshots under the test output folder, for the docs to reuse.</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>A page in a context of its own, at desktop width or, with <paramref name="phone"/>, 390 px wide.</summary>
    public static async Task<IPage> NewPageAsync(this BrowserFixture browser, string baseAddress, bool phone = false)
    {
        var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = baseAddress,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
        });
        // The machine is shared with other builds: allow a slow answer rather than fail on Playwright's 30 s default.
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>Fills in and submits the sign-in form (going there first).</summary>
    public static async Task SignInAsync(this IPage page, string userName, string password)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>A new page signed in as a new staff member <paramref name="userName"/> with <paramref name="roles"/>.</summary>
    public static async Task<IPage> SignedInPageAsync(this BrowserFixture browser, string baseAddress, IServiceProvider services, string userName, params string[] roles)
    {
        var password = await StaffUsers.CreateAsync(services, userName, roles);
        var page = await browser.NewPageAsync(baseAddress);
        await page.SignInAsync(userName, password);
        await page.Locator("#signed-in-as").WaitForAsync();
        return page;
    }

    /// <summary>Saves the whole page as TestResults/screenshots/<paramref name="name"/>.png; returns the path.</summary>
    public static async Task<string> ScreenshotAsync(this IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }
}
