using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Metrics;

/// <summary>
/// Lets a scrape of /metrics through when it comes from this machine (a Prometheus or agent beside the backend) or
/// presents <see cref="MetricsOptions.ScrapeToken"/> as a bearer token; anyone else gets 401. The figures name
/// terminals and volumes, not passengers, but they are the operator's, not the public's.
/// </summary>
public static class ScrapeGate
{
    private const string Bearer = "Bearer ";

    public static void Use(IApplicationBuilder branch) => branch.Use(async (context, next) =>
    {
        var options = context.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (Allows(context, options.ScrapeToken))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await context.Response.WriteAsync(options.ScrapeToken is { Length: > 0 }
            ? "Scrape /metrics from loopback or with Authorization: Bearer <Backend:Metrics:ScrapeToken>.\n"
            : "Scrape /metrics from loopback; set Backend:Metrics:ScrapeToken to scrape from elsewhere.\n");
    });

    public static bool Allows(HttpContext context, string? token)
    {
        if (context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote))
        {
            return true;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (token is not { Length: > 0 } || !header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Constant time, so the token cannot be guessed a character at a time from how fast a refusal comes.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Bearer.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }
}
