using Backend.Ingest.Hosting;
using Backend.Ingest.Provisioning;

namespace Backend.Ingest.Broker;

/// <summary>
/// The embedded broker as the ingest workers see it: loopback, the port it actually bound (port 0 is resolved
/// only once it listens) and the ingest user's provisioned credentials. Hosted services start in registration
/// order, so the broker listens before any worker resolves this.
/// </summary>
public sealed class EmbeddedBrokerEndpoint(EmbeddedBroker broker, IngestCredentials credentials) : IBrokerEndpoint
{
    public ValueTask<BrokerAddress> ResolveAsync(CancellationToken cancellation) =>
        ValueTask.FromResult(new BrokerAddress("127.0.0.1", broker.Port, credentials.UserName, credentials.Password));
}
