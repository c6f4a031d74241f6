using Backend.Ingest.Hosting;
using Backend.Ingest.Ingest;
using Backend.Ingest.Status;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Health;

/// <summary>
/// Every ingest worker of this process and the status consumer are connected to the broker and subscribed. A lost
/// broker is degraded, not unready: the API still answers, and the terminals keep their journals until it is back.
/// </summary>
public sealed class BrokerHealthCheck(IngestCounters ingest, StatusCounters status, IOptions<BackendOptions> options) : IHealthCheck
{
    public const string Name = "broker";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var backend = options.Value;
        // The same count IngestService starts: one worker in embedded mode, Backend:Ingest:Workers otherwise.
        var expected = backend.Mode == BackendMode.Embedded ? 1 : Math.Max(1, backend.Ingest.Workers);
        var connected = ingest.Snapshot().ConnectedWorkers;
        var statusConnected = status.Snapshot().Connected;
        var description = $"{connected} of {expected} ingest workers subscribed, status consumer {(statusConnected ? "subscribed" : "not connected")}";
        return Task.FromResult(connected >= expected && statusConnected
            ? HealthCheckResult.Healthy(description)
            : HealthCheckResult.Degraded(description));
    }
}
