using Backend.Ingest.Passenger;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Backend.Tests.Passenger;

/// <summary>The passenger's pages in the test browser: the printed code of a card or account, and signing in with it.</summary>
internal static class PassengerBrowser
{
    /// <summary>The code the desk would print for <paramref name="subject"/> (<c>card:UID</c>, <c>account:ID</c>).</summary>
    public static Task<string> CodeAsync(IServiceProvider services, string subject) =>
        services.GetRequiredService<HolderCodes>().CodeAsync(subject, default);

    /// <summary>Another well-formed code than <paramref name="code"/> (its check digit right), so the sign-in counts it as a guess.</summary>
    public static string WrongCodeFor(string code)
    {
        var digits = HolderCodes.Normalize(code)!;
        var body = ((long.Parse(digits[..9], System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000_000).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        return body + HolderCodes.LuhnDigit(body);
    }

    /// <summary>Fills in and sends the sign-in form of <paramref name="path"/> (/my-card or /my-account), signing out first of a card or account shown there.</summary>
    public static async Task SignInAsync(this IPage page, string path, string number, string code)
    {
        await page.GotoAsync(path);
        if (await page.Locator("#number").CountAsync() == 0)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        }

        await page.GetByLabel(path == "/my-card" ? "Card number" : "Account number").FillAsync(number);
        await page.GetByLabel("Code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
    }

    /// <summary>Copies the hidden fields and values of the page's first form with <paramref name="selector"/>, to send it again by hand.</summary>
    public static async Task<IFormData> FormDataAsync(this IPage page, string selector)
    {
        var fields = await page.Locator(selector + " input").EvaluateAllAsync<string[][]>("inputs => inputs.filter(i => i.name).map(i => [i.name, i.value])");
        var form = page.APIRequest.CreateFormData();
        foreach (var field in fields)
        {
            form.Set(field[0], field[1]);
        }

        return form;
    }
}
