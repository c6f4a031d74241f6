using Backend.Ingest.Hosting;
using System.Security.Cryptography.X509Certificates;
using Backend.Ingest.Provisioning;
using Backend.Ingest.Tls;

namespace Backend.Ingest.Broker;

/// <summary>
/// The embedded broker as the ingest workers see it: loopback, the port it actually bound (port 0 is resolved
/// only once it listens) and the ingest user's provisioned credentials. Hosted services start in registration
/// order, so the broker listens before any worker resolves this. Over TLS the worker verifies the broker like any
/// client: against the operator CA, under the host name its certificate was issued for.
/// </summary>
public sealed class EmbeddedBrokerEndpoint(EmbeddedBroker broker, BrokerTlsOptions tls, IngestCredentials credentials) : IBrokerEndpoint
{
    public ValueTask<BrokerAddress> ResolveAsync(CancellationToken cancellation) =>
        ValueTask.FromResult(new BrokerAddress("127.0.0.1", broker.Port, credentials.UserName, credentials.Password, Tls()));

    private BrokerTlsClient? Tls() =>
        broker.Certificate is { } certificate
            ? new BrokerTlsClient(OperatorCertificateAuthority.LoadPublic(tls.CaFile), certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false))
            : null;
}
