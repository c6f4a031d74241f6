using System.Data.Common;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Backend.Ingest.Health;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Identity;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;API key&gt;</c>: the principal is named for the key (the audit log's actor)
/// and holds its roles. A request without the header is not this handler's; a wrong or revoked key fails.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    public const string KeyIdClaim = "busfare:api-key";

    private const string Bearer = "Bearer ";

    /// <summary>True when the request carries a bearer credential, i.e. this handler decides about it.</summary>
    public static bool Presents(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(Bearer, StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Presents(Request))
        {
            return AuthenticateResult.NoResult();
        }

        var presented = Request.Headers.Authorization.ToString()[Bearer.Length..].Trim();
        ApiKeyHolder? holder;
        try
        {
            holder = await keys.AuthenticateAsync(presented, Context.RequestAborted);
        }
        catch (DbException e)
        {
            // The database is away: the key cannot be checked, so it is not taken; the open endpoints still answer.
            return AuthenticateResult.Fail(e);
        }

        if (holder is null)
        {
            return AuthenticateResult.Fail("The API key is not valid or has been revoked.");
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, holder.Name), new(KeyIdClaim, holder.KeyId) };
        claims.AddRange(holder.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // A key that could not be checked because the database is away is no reason to tell the caller it is wrong.
        if (DependencyOutage.Of((await HandleAuthenticateOnceSafeAsync()).Failure) is { } dependency)
        {
            await OutageProblem.WriteAsync(Context, dependency);
            return;
        }

        Response.Headers.WWWAuthenticate = "Bearer";
        await base.HandleChallengeAsync(properties);
    }
}
