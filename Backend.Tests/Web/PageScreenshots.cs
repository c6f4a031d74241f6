using Microsoft.Playwright;

namespace Backend.Tests.Web;

/// <summary>Screenshots of the top of a long page, small enough for the docs, beside the whole-page ones of <see cref="StaffBrowser"/>.</summary>
internal static class PageScreenshots
{
    /// <summary>Saves the first <paramref name="height"/> CSS pixels of the page, at the viewport's width, as TestResults/screenshots/<paramref name="name"/>.png.</summary>
    public static async Task<string> ScreenshotTopAsync(this IPage page, string name, float height)
    {
        Directory.CreateDirectory(StaffBrowser.ScreenshotFolder);
        var path = Path.Combine(StaffBrowser.ScreenshotFolder, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true, Clip = new() { X = 0, Y = 0, Width = page.ViewportSize!.Width, Height = height } });
        return path;
    }
}
