using System.Data.Common;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Backend.Ingest.Feedback;

/// <summary>Passenger feedback and its triage: <see cref="AddFeedback"/> on the services, <see cref="MapFeedbackApi"/> on the application.</summary>
public static class FeedbackServices
{
    /// <summary>
    /// <c>Backend:Feedback:SubmissionsPerMinute</c>, the submissions one client address may make per minute: by default
    /// 5, enough for a passenger, too few for a flood.
    /// </summary>
    public const string SubmissionsPerMinuteKey = "Backend:Feedback:SubmissionsPerMinute";

    public static IServiceCollection AddFeedback(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue(SubmissionsPerMinuteKey, 5);
        services.AddSingleton(provider => new FeedbackStore(provider.GetRequiredService<DbDataSource>()));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(FeedbackEndpoints.SubmitRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = async (context, cancellation) =>
            {
                context.HttpContext.Response.ContentType = "application/problem+json";
                await context.HttpContext.Response.WriteAsJsonAsync(new
                {
                    type = "https://www.rfc-editor.org/rfc/rfc6585#section-4",
                    title = "Too many submissions.",
                    status = StatusCodes.Status429TooManyRequests,
                    detail = $"At most {perMinute} feedback submissions a minute from one address; please wait a minute and send it again.",
                }, cancellation);
            };
        });
        return services;
    }

    public static WebApplication MapFeedbackApi(this WebApplication app)
    {
        app.UseRateLimiter();
        FeedbackEndpoints.Map(app.MapGroup("/api"));
        return app;
    }
}
