using Backend.Ingest.Provisioning;

namespace Backend.Ingest.Tls;

/// <summary>
/// Where the operator's CA and the certificates it issued live: <c>&lt;data dir&gt;/tls</c>. The CA certificate is public
/// (it goes onto every terminal and into every client); every private key, and the broker's certificate, is owner-only.
/// </summary>
public sealed record TlsDirectory(string Path)
{
    public string CaCertificate => System.IO.Path.Combine(Path, "ca.crt");

    public string CaKey => System.IO.Path.Combine(Path, "ca.key");

    public string BrokerCertificate => System.IO.Path.Combine(Path, "broker.crt");

    public string BrokerKey => System.IO.Path.Combine(Path, "broker.key");

    public static TlsDirectory InDataDirectory(string dataDirectory) => new(System.IO.Path.Combine(dataDirectory, "tls"));

    public string TerminalCertificate(uint terminalId) => System.IO.Path.Combine(Path, "terminals", BrokerIdentity.Terminal(terminalId) + ".crt");

    public string TerminalKey(uint terminalId) => System.IO.Path.Combine(Path, "terminals", BrokerIdentity.Terminal(terminalId) + ".key");
}
