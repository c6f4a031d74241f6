using Backend.Ingest.Broker;
using Backend.Ingest.Provisioning;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Backend.Ingest.Health;

/// <summary>
/// The terminals provisioned for the embedded broker are within its documented ceiling
/// (<see cref="EmbeddedBrokerCeiling"/>); more is degraded: nothing is lost, but at peak the acks come late.
/// </summary>
public sealed class EmbeddedBrokerCeilingHealthCheck(TerminalCredentialStore terminals) : IHealthCheck
{
    public const string Name = "broker-ceiling";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var provisioned = terminals.Snapshot().Count;
        return Task.FromResult(EmbeddedBrokerCeiling.WarningFor(provisioned) is { } warning
            ? HealthCheckResult.Degraded(warning)
            : HealthCheckResult.Healthy($"{provisioned:N0} terminals provisioned, within the embedded broker's ceiling of {EmbeddedBrokerCeiling.Terminals:N0}"));
    }
}
