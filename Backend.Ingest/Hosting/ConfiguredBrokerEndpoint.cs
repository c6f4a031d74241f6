using Backend.Ingest.Provisioning;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Hosting;

/// <summary>
/// The broker named by configuration: Backend:Broker:Host/Port in Production, loopback and
/// Backend:Broker:Embedded:Port in Embedded mode. The ingest user's password is Backend:Broker:Password, else the
/// one provisioning keeps in the data directory (the same one <c>mosquitto-config</c> writes into Mosquitto's files).
/// </summary>
public sealed class ConfiguredBrokerEndpoint(IOptions<BackendOptions> options, IConfiguration configuration, IHostEnvironment environment)
    : IBrokerEndpoint
{
    public ValueTask<BrokerAddress> ResolveAsync(CancellationToken cancellation)
    {
        var backend = options.Value;
        var broker = backend.Broker;
        var password = broker.Password
            ?? IngestCredentials.Resolve(configuration, DataDirectory.Resolve(configuration, environment.ContentRootPath)).Password;
        return ValueTask.FromResult(backend.Mode == BackendMode.Embedded
            ? new BrokerAddress("127.0.0.1", broker.Embedded.Port, broker.User, password)
            : new BrokerAddress(broker.Host, broker.Port, broker.User, password));
    }
}
