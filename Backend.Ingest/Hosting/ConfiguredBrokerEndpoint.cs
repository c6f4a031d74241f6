using Backend.Ingest.Provisioning;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Hosting;

/// <summary>
/// The external broker of Production mode, named by Backend:Broker:Host/Port (Embedded mode registers
/// <see cref="Broker.EmbeddedBrokerEndpoint"/> instead). The ingest user's password is Backend:Broker:Password, else the
/// one provisioning keeps in the data directory (the same one <c>mosquitto-config</c> writes into Mosquitto's files).
/// </summary>
public sealed class ConfiguredBrokerEndpoint(IOptions<BackendOptions> options, IConfiguration configuration, IHostEnvironment environment)
    : IBrokerEndpoint
{
    public ValueTask<BrokerAddress> ResolveAsync(CancellationToken cancellation)
    {
        var broker = options.Value.Broker;
        var password = broker.Password
            ?? IngestCredentials.Resolve(configuration, DataDirectory.Resolve(configuration, environment.ContentRootPath)).Password;
        return ValueTask.FromResult(new BrokerAddress(broker.Host, broker.Port, broker.User, password));
    }
}
