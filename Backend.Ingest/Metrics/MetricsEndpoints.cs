using Backend.Ingest.Broker;
using Backend.Ingest.Ingest;
using Backend.Ingest.Payments;
using Backend.Ingest.Reconciliation;
using Backend.Ingest.Status;
using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace Backend.Ingest.Metrics;

/// <summary>
/// The backend's meters (<see cref="Meters"/>: ingest, broker, fleet, reconciliation, payments) exported through
/// OpenTelemetry in the Prometheus text format at <c>/metrics</c>, behind the <see cref="ScrapeGate"/>.
/// docs/monitoring.md lists the series.
/// </summary>
public static class MetricsEndpoints
{
    public const string Path = "/metrics";

    /// <summary>Every meter of the backend: docs/monitoring.md lists their series.</summary>
    public static readonly string[] Meters =
        [IngestCounters.MeterName, BrokerCounters.MeterName, StatusCounters.MeterName, ReconciliationCounters.MeterName, PaymentCounters.MeterName];

    public static IServiceCollection AddBackendMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MetricsOptions>(configuration.GetSection(MetricsOptions.Section));
        // Enabled through the host's metrics builder, for this host's own meters only (MeterScope.Local: made by its
        // IMeterFactory), not by the exporter's AddMeter, which listens by name across the process: a second backend
        // in the same process (the tests host many) would then overwrite this one's figures with its own.
        services.AddMetrics(metrics =>
        {
            foreach (var meter in Meters)
            {
                metrics.EnableMetrics(meter, scopes: MeterScope.Local);
            }
        });
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPrometheusExporter());
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
