namespace Backend.Ingest.Hosting;

/// <summary>
/// Where the backend's own MQTT clients (the ingest workers) connect, and as whom. The default reads
/// Backend:Broker; the embedded broker replaces it with one that knows the port it actually bound and the
/// credentials it provisioned, and completes only once it listens.
/// </summary>
public interface IBrokerEndpoint
{
    ValueTask<BrokerAddress> ResolveAsync(CancellationToken cancellation);
}

/// <param name="Tls">Null: plaintext MQTT (loopback and Development only). Otherwise TLS, verified against the operator CA.</param>
public sealed record BrokerAddress(string Host, int Port, string User, string? Password, Tls.BrokerTlsClient? Tls = null);
