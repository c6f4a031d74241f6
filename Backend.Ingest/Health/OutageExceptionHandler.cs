using Microsoft.AspNetCore.Diagnostics;

namespace Backend.Ingest.Health;

/// <summary>
/// Turns an unhandled exception that <see cref="DependencyOutage"/> recognises into the 503 of <see cref="OutageProblem"/>;
/// any other is left to the default handler (a 500 problem).
/// </summary>
public sealed class OutageExceptionHandler(ILogger<OutageExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (DependencyOutage.Of(exception) is not { } dependency)
        {
            return false;
        }

        logger.LogWarning("{Method} {Path} answered 503: the {Dependency} is unavailable ({Reason})",
            httpContext.Request.Method, httpContext.Request.Path, dependency, exception.Message);
        await OutageProblem.WriteAsync(httpContext, dependency);
        return true;
    }
}
