using Microsoft.Extensions.Options;

namespace Backend.Ingest.Hosting;

/// <summary>The broker named by configuration: Backend:Broker:Host/Port in Production, loopback and Backend:Broker:Embedded:Port in Embedded mode.</summary>
public sealed class ConfiguredBrokerEndpoint(IOptions<BackendOptions> options) : IBrokerEndpoint
{
    public ValueTask<BrokerAddress> ResolveAsync(CancellationToken cancellation)
    {
        var backend = options.Value;
        var broker = backend.Broker;
        return ValueTask.FromResult(backend.Mode == BackendMode.Embedded
            ? new BrokerAddress("127.0.0.1", broker.Embedded.Port, broker.User, broker.Password)
            : new BrokerAddress(broker.Host, broker.Port, broker.User, broker.Password));
    }
}
