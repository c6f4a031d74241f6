using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Backend.Ingest.Health;

/// <summary>
/// The probes: <c>/health/live</c> (the process answers; no check runs), <c>/health/ready</c> and its alias
/// <c>/health</c> (every check: 200 healthy or degraded, 503 when one is unhealthy). Open to all, like a load balancer
/// needs them, and they name no passenger or money data.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddBackendHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HealthOptions>(configuration.GetSection(HealthOptions.Section));
        // A margin over the checks' own timeouts, which describe what failed better than "a timeout occurred".
        var probe = configuration.GetSection(HealthOptions.Section).Get<HealthOptions>() ?? new HealthOptions();
        var timeout = TimeSpan.FromSeconds(Math.Max(1, probe.ProbeTimeoutSeconds) + 5);
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>(DatabaseHealthCheck.Name, HealthStatus.Unhealthy, [ReadyTag], timeout)
            .AddCheck<BrokerHealthCheck>(BrokerHealthCheck.Name, HealthStatus.Degraded, [ReadyTag], timeout)
            .AddCheck<IngestLagHealthCheck>(IngestLagHealthCheck.Name, HealthStatus.Degraded, [ReadyTag], timeout)
            .AddCheck<DiskSpaceHealthCheck>(DiskSpaceHealthCheck.Name, HealthStatus.Unhealthy, [ReadyTag], timeout);
        return services;
    }

    public static WebApplication MapBackendHealth(this WebApplication app)
    {
        var ready = new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportJson.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        };
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthReportJson.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", ready).AllowAnonymous();
        app.MapHealthChecks("/health", ready).AllowAnonymous();
        return app;
    }
}
