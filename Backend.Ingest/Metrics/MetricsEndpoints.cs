using Backend.Ingest.Broker;
using Backend.Ingest.Ingest;
using Backend.Ingest.Payments;
using Backend.Ingest.Reconciliation;
using Backend.Ingest.Status;
using OpenTelemetry.Metrics;

namespace Backend.Ingest.Metrics;

/// <summary>
/// The backend's meters (every "BusFare.*" one: ingest, broker, fleet, reconciliation, payments) exported through
/// OpenTelemetry in the Prometheus text format at <c>/metrics</c>, behind the <see cref="ScrapeGate"/>.
/// docs/monitoring.md lists the series.
/// </summary>
public static class MetricsEndpoints
{
    public const string Path = "/metrics";

    public static IServiceCollection AddBackendMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MetricsOptions>(configuration.GetSection(MetricsOptions.Section));
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("BusFare.*")
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapBackendMetrics(this WebApplication app)
    {
        // The counters are singletons made on first use; made now, every series is there from the first scrape, so
        // an alert on a rate sees a zero rather than nothing.
        _ = app.Services.GetService<IngestCounters>();
        _ = app.Services.GetService<StatusCounters>();
        _ = app.Services.GetService<ReconciliationCounters>();
        _ = app.Services.GetService<PaymentCounters>();
        _ = app.Services.GetService<BrokerCounters>();
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: ScrapeGate.Use, optionsName: null).AllowAnonymous();
        return app;
    }
}
