using Backend.Ingest.Downlink;
using Backend.Ingest.Resend;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Backend.Ingest.Status;

public static class StatusServices
{
    /// <summary>
    /// The status consumer and its counters, with the downlink planner it answers through (Backend:Downlink) and the
    /// Resend requests it sends after a restore (Backend:Resend).
    /// Call after <c>AddFareApi</c>, which registers the <see cref="Fleet.TerminalStatusStore"/> and creates its
    /// table at start, and after the broker, so the consumer connects once both are there.
    /// </summary>
    public static IServiceCollection AddTerminalStatus(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDownlinkPlanner(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddResendRequests(configuration);
        services.AddSingleton<StatusCounters>();
        services.AddHostedService<StatusService>();
        return services;
    }

    /// <summary>GET /api/fleet/counters: <see cref="StatusCountersSnapshot"/> as JSON.</summary>
    public static IEndpointRouteBuilder MapStatusCounters(this IEndpointRouteBuilder endpoints)
    {
        // Open like /health: process counters, no passenger or money data, and readable while the database (which checks API keys) is down.
        endpoints.MapGet("/api/fleet/counters", (StatusCounters counters) => counters.Snapshot()).AllowAnonymous();
        return endpoints;
    }
}
