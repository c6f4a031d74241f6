using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Backend.Ingest.Passenger;

/// <summary>
/// A passenger's session on the self-service pages: a cookie scheme of its own (<c>busfare.passenger</c>), never the
/// default one, so it opens no staff page or API. It holds one subject, the card (<c>card:UID</c>) or account
/// (<c>account:ID</c>) whose code the passenger typed, and the pages show nothing of any other.
/// </summary>
public static class PassengerSession
{
    public const string Scheme = "Passenger";
    public const string CookieName = "busfare.passenger";

    private const string SubjectClaim = "busfare:holder-of";

    public static AuthenticationBuilder AddPassengerCookie(this AuthenticationBuilder authentication, PassengerOptions options) =>
        authentication.AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(options.SessionMinutes);
            cookie.SlidingExpiration = true;
        });

    /// <summary>The subject the request's passenger session holds; null without one.</summary>
    public static async Task<string?> SubjectAsync(HttpContext http)
    {
        var session = await http.AuthenticateAsync(Scheme);
        return session.Succeeded ? session.Principal.FindFirstValue(SubjectClaim) : null;
    }

    /// <summary>Starts a session for <paramref name="subject"/>, replacing any the browser held.</summary>
    public static Task SignInAsync(HttpContext http, string subject) =>
        http.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim(SubjectClaim, subject)], Scheme)));

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);
}
