using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Backend.Ingest.Identity;

/// <summary>
/// Who may call what, wired by the host in two calls: <see cref="AddStaffAccess"/> on the services and
/// <see cref="UseStaffAccess"/> on the application, after the static files (which stay open) and before the endpoints.
/// Staff sign in with ASP.NET Core Identity (cookie); integrations send an API key as a bearer token. Every endpoint
/// needs one or the other (the fallback policy) unless it says <c>AllowAnonymous</c>; an API call without them gets
/// 401 and one lacking the role 403, a page redirects to sign-in or to "access denied".
/// </summary>
public static class StaffAccess
{
    /// <summary>The default scheme: the API key handler when the request carries a bearer token, else the staff cookie.</summary>
    public const string Scheme = "StaffOrApiKey";

    public const string SignInPath = "/sign-in";
    public const string SignOutPath = "/sign-out";
    public const string AccessDeniedPath = "/access-denied";

    public static IServiceCollection AddStaffAccess(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(StaffAccessOptions.Section);
        services.Configure<StaffAccessOptions>(section);
        var access = section.Get<StaffAccessOptions>() ?? new StaffAccessOptions();
        services.TryAddSingleton(TimeProvider.System);

        services.AddIdentityCore<StaffUser>(identity =>
            {
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = access.MaxFailedSignIns;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(access.LockoutMinutes);
                identity.Password.RequiredLength = StaffAccessOptions.MinPasswordLength;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddUserStore<StaffUserStore>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>();
        services.TryAddSingleton<ApiKeys>();
        services.TryAddSingleton<StaffDirectory>();
        services.TryAddSingleton<AuditLog>();
        // Scoped as Identity's hasher and normalizer are.
        services.TryAddScoped<StaffAccounts>();

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Staff cookie or API key", policy =>
                policy.ForwardDefaultSelector = context => ApiKeyAuthenticationHandler.Presents(context.Request)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "busfare.staff";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = SignInPath;
            cookie.LogoutPath = SignOutPath;
            cookie.AccessDeniedPath = AccessDeniedPath;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(access.SessionMinutes);
            cookie.SlidingExpiration = true;
            cookie.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
        });
        // A locked or changed account loses its sessions within a minute, not the default half hour.
        services.Configure<SecurityStampValidatorOptions>(stamp => stamp.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorization(StaffPolicies.Add);
        return services;
    }

    public static WebApplication UseStaffAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>API callers get the status; a browser on a page is sent to the sign-in or access-denied page.</summary>
    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
