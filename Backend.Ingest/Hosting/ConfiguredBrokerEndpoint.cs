using Backend.Ingest.Provisioning;
using Backend.Ingest.Tls;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Hosting;

/// <summary>
/// The external broker of Production mode, named by Backend:Broker:Host/Port (Embedded mode registers
/// <see cref="Broker.EmbeddedBrokerEndpoint"/> instead). The ingest user's password is Backend:Broker:Password, else the
/// one provisioning keeps in the data directory (the same one <c>mosquitto-config</c> writes into Mosquitto's files).
/// With <c>Backend:Broker:Tls:Enabled</c> it is the broker's TLS port (Backend:Broker:Tls:Port), verified against the
/// operator CA under the name Backend:Broker:Host, which the broker's certificate must carry.
/// </summary>
public sealed class ConfiguredBrokerEndpoint(IOptions<BackendOptions> options, IConfiguration configuration, IHostEnvironment environment)
    : IBrokerEndpoint
{
    public ValueTask<BrokerAddress> ResolveAsync(CancellationToken cancellation)
    {
        var broker = options.Value.Broker;
        var dataDirectory = DataDirectory.Resolve(configuration, environment.ContentRootPath);
        var password = broker.Password ?? IngestCredentials.Resolve(configuration, dataDirectory).Password;
        var tls = BrokerTlsOptions.From(configuration, dataDirectory);
        return ValueTask.FromResult(tls.Enabled
            ? new BrokerAddress(broker.Host, tls.Port, broker.User, password, new BrokerTlsClient(OperatorCertificateAuthority.LoadPublic(tls.CaFile), broker.Host))
            : new BrokerAddress(broker.Host, broker.Port, broker.User, password));
    }
}
