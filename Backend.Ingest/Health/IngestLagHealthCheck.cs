using Backend.Ingest.Ingest;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Health;

/// <summary>
/// How long the oldest batch this process received has waited for its commit and ack. Terminals resend what is not
/// acknowledged, so a lag loses nothing, but it is the first sign of a slow or stuck database.
/// </summary>
public sealed class IngestLagHealthCheck(IngestCounters counters, IOptions<HealthOptions> options) : IHealthCheck
{
    public const string Name = "ingest-lag";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var lag = counters.OldestWaitingAge;
        var waiting = counters.WaitingBatches;
        var limit = TimeSpan.FromSeconds(options.Value.MaxIngestLagSeconds);
        var description = $"{waiting} batches waiting, the oldest for {lag.TotalSeconds:0.0} s (limit {limit.TotalSeconds:0} s)";
        return Task.FromResult(lag <= limit ? HealthCheckResult.Healthy(description) : HealthCheckResult.Degraded(description));
    }
}
