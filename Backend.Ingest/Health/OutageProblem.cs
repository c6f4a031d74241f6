using Microsoft.AspNetCore.Mvc;

namespace Backend.Ingest.Health;

/// <summary>
/// The answer to a request that failed because a dependency is away: 503, application/problem+json, and Retry-After,
/// so clients wait and retry instead of reporting a bug, and the operator sees which dependency is missing.
/// </summary>
public static class OutageProblem
{
    /// <summary>The seconds a client is asked to wait: about the time a reconnect or a database fail-over takes.</summary>
    public const int RetryAfterSeconds = 5;

    public static async Task WriteAsync(HttpContext context, string dependency)
    {
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        context.Response.Headers.CacheControl = "no-store";
        var problem = new ProblemDetails
        {
            Type = "https://www.rfc-editor.org/rfc/rfc9110#status.503",
            Title = "A service the backend depends on is unavailable.",
            Status = StatusCodes.Status503ServiceUnavailable,
            Detail = $"The {dependency} cannot be reached; retry in {RetryAfterSeconds} s (GET /health/ready tells when it is back).",
        };
        problem.Extensions["dependency"] = dependency;
        await context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
    }
}
