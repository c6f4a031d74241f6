using System.Globalization;
using Backend.Ingest.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Backend.Ingest.Web.Pages;

/// <summary>
/// Choosing a new password: right after a sign-in with a one-time password (the sign-in page leaves the user's id
/// and security stamp in the data-protected TempData cookie, valid for <see cref="PendingFor"/>), or when signed in,
/// with the current password. The new password passes Identity's validators and must differ from the old one;
/// the security stamp changes, so other sessions of the user end.
/// </summary>
[AllowAnonymous]
public sealed class ChangePasswordModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, TimeProvider clock) : PageModel
{
    public const string PendingKey = "password-change";

    private static readonly TimeSpan PendingFor = TimeSpan.FromMinutes(10);

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool OneTime { get; private set; }

    public List<string> Errors { get; } = [];

    public static string Pending(StaffUser user, TimeProvider clock) =>
        string.Join('|', user.Id, user.SecurityStamp, clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    public async Task<IActionResult> OnGetAsync() => await UserAsync() is null ? RedirectToPage("/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await UserAsync() is not { } user)
        {
            return RedirectToPage("/SignIn");
        }

        if (!OneTime && (CurrentPassword is null || !await users.CheckPasswordAsync(user, CurrentPassword)))
        {
            Errors.Add("The current password is not right.");
            return Page();
        }

        if (NewPassword is null || NewPassword != ConfirmPassword)
        {
            Errors.Add("The two new passwords are not the same.");
            return Page();
        }

        if (user.PasswordHash is not null && users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, NewPassword) != PasswordVerificationResult.Failed)
        {
            Errors.Add("Choose a password different from the one you have now.");
            return Page();
        }

        foreach (var validator in users.PasswordValidators)
        {
            var verdict = await validator.ValidateAsync(users, user, NewPassword);
            Errors.AddRange(verdict.Errors.Select(e => e.Description));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        user.PasswordHash = users.PasswordHasher.HashPassword(user, NewPassword);
        user.MustChangePassword = false;
        var saved = await users.UpdateSecurityStampAsync(user);
        if (!saved.Succeeded)
        {
            Errors.AddRange(saved.Errors.Select(e => e.Description));
            return Page();
        }

        TempData.Remove(PendingKey);
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    /// <summary>The signed-in user, or the one a sign-in with a one-time password has just left pending (then <see cref="OneTime"/>).</summary>
    private async Task<StaffUser?> UserAsync()
    {
        if (TempData.Peek(PendingKey) is string pending && pending.Split('|') is [var id, var stamp, var at]
            && clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(at, CultureInfo.InvariantCulture)) < PendingFor
            && await users.FindByIdAsync(id) is { } waiting && waiting.SecurityStamp == stamp)
        {
            OneTime = true;
            return waiting;
        }

        return User.Identity?.IsAuthenticated == true ? await users.GetUserAsync(User) : null;
    }
}
