using Backend.Ingest.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Backend.Ingest.Ingest;

public static class IngestEndpoints
{
    /// <summary>The ingest workers, their counters and the configured broker endpoint (unless one is registered already).</summary>
    public static IServiceCollection AddIngest(this IServiceCollection services)
    {
        services.AddSingleton<IngestCounters>();
        services.TryAddSingleton<IBrokerEndpoint, ConfiguredBrokerEndpoint>();
        services.AddHostedService<IngestService>();
        return services;
    }

    /// <summary>GET /api/ingest/counters: <see cref="IngestCountersSnapshot"/> as JSON.</summary>
    public static IEndpointRouteBuilder MapIngestCounters(this IEndpointRouteBuilder endpoints)
    {
        // Open like /health: process counters, no passenger or money data, and readable while the database (which checks API keys) is down.
        endpoints.MapGet("/api/ingest/counters", (IngestCounters counters) => counters.Snapshot()).AllowAnonymous();
        return endpoints;
    }
}
