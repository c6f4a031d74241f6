using Backend.Ingest.Broker;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Backend.Ingest.Health;

/// <summary>
/// The embedded broker has dropped no message it had confirmed to its sender. A drop loses nothing for good (the
/// terminal resends what was never acked) but means the per-client queue is too small for the fleet: degraded from the
/// first drop until a restart with a larger <c>Backend:Broker:Embedded:MaxQueuedMessagesPerClient</c>, the only remedy.
/// </summary>
public sealed class BrokerDropsHealthCheck(BrokerCounters counters, EmbeddedBroker broker) : IHealthCheck
{
    public const string Name = "broker-drops";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var dropped = counters.DroppedMessages;
        var description = $"{dropped} confirmed messages dropped since start (queue bound {broker.MaxQueuedMessagesPerClient} per client)";
        return Task.FromResult(dropped == 0 ? HealthCheckResult.Healthy(description) : HealthCheckResult.Degraded(description));
    }
}
