using Backend.Ingest.Api;
using Backend.Ingest.Passenger;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Backend.Ingest.Web.Pages.Passenger;

/// <summary>
/// What the passenger's pages share: the subject their passenger session holds (never the staff sign-in, which these
/// pages ignore), the check of a typed number and code that starts such a session, and a fresh idempotency key for
/// each form they show, so a form sent twice changes things once.
/// </summary>
public abstract class PassengerPageModel : PageModel
{
    /// <summary><c>card:UID</c> or <c>account:ID</c> of the passenger session; null without one.</summary>
    protected Task<string?> HolderOfAsync() => PassengerSession.SubjectAsync(HttpContext);

    /// <summary>
    /// Checks <paramref name="code"/> for <paramref name="subject"/> and, when right, starts a passenger session for it;
    /// null then, else what to tell the passenger.
    /// </summary>
    protected async Task<string?> ProveAsync(string subject, string? code)
    {
        var check = await Service<HolderSignIn>().CheckAsync(HttpContext, subject, code, HttpContext.RequestAborted);
        if (check != HolderCheck.Accepted)
        {
            return HolderCheckText.Of(check);
        }

        await PassengerSession.SignInAsync(HttpContext, subject);
        return null;
    }

    /// <summary>The services the backend's endpoints use, one code path for page and API (several are internal, so not constructor parameters of a public page).</summary>
    protected T Service<T>() where T : notnull => HttpContext.RequestServices.GetRequiredService<T>();

    protected static string NewFormKey() => "form:" + Guid.NewGuid().ToString("N");

    /// <summary>A card number as printed (spaces allowed) to its UID; false when it is not one.</summary>
    protected static bool TryCardNumber(string? typed, out string uid) =>
        CardUid.TryNormalize(new string((typed ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()), out uid);
}
