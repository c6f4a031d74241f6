using Backend.Ingest.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Backend.Ingest.Web.Pages;

/// <summary>
/// Staff sign-in: Identity checks the password and counts wrong ones (lockout after <see cref="StaffAccessOptions.MaxFailedSignIns"/>).
/// An unknown user and a wrong password get the same answer. A one-time password leads to choosing a new one first.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, TimeProvider clock) : PageModel
{
    public const string WrongCredentials = "The user name or password is not right.";
    public const string LockedOut = "This account is locked: too many wrong passwords, or an admin locked it. Try again later or ask an admin.";

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = "Enter your user name and password.";
            return Page();
        }

        if (await users.FindByNameAsync(UserName.Trim()) is not { } user)
        {
            Error = WrongCredentials;
            return Page();
        }

        var result = await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true);
        if (result.IsLockedOut || result.IsNotAllowed)
        {
            Error = LockedOut;
            return Page();
        }

        if (!result.Succeeded)
        {
            Error = WrongCredentials;
            return Page();
        }

        if (user.MustChangePassword)
        {
            TempData[ChangePasswordModel.PendingKey] = ChangePasswordModel.Pending(user, clock);
            return RedirectToPage("/ChangePassword", new { ReturnUrl });
        }

        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
