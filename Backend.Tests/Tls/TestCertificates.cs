using System.Net;
using System.Security.Cryptography.X509Certificates;
using Backend.Ingest.Tls;

namespace Backend.Tests.Tls;

/// <summary>
/// An operator CA written into a data directory as <c>ca init</c> and <c>ca issue-broker --host localhost --ip 127.0.0.1</c>
/// leave it, and the clients that trust it.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    public const string BrokerHost = "localhost";

    private readonly OperatorCertificateAuthority _authority;

    private TestCertificates(OperatorCertificateAuthority authority, TlsDirectory directory)
    {
        _authority = authority;
        Directory = directory;
        Ca = OperatorCertificateAuthority.LoadPublic(directory.CaCertificate);
    }

    public TlsDirectory Directory { get; }

    /// <summary>The public CA certificate, as a client holds it.</summary>
    public X509Certificate2 Ca { get; }

    public static TestCertificates Create(string dataDirectory)
    {
        var directory = TlsDirectory.InDataDirectory(dataDirectory);
        var authority = OperatorCertificateAuthority.Create();
        authority.Save(directory);
        using var broker = authority.IssueBroker(BrokerHost, [IPAddress.Loopback]);
        OperatorCertificateAuthority.Save(broker, directory.BrokerCertificate, directory.BrokerKey);
        return new TestCertificates(authority, directory);
    }

    /// <summary>A client verifying the broker against this CA; <paramref name="clientCertificate"/> for the certificate listener.</summary>
    public BrokerTlsClient Client(X509Certificate2? clientCertificate = null) => new(Ca, BrokerHost, clientCertificate);

    /// <summary>Terminal <paramref name="terminalId"/>'s client certificate, with its key.</summary>
    public X509Certificate2 Terminal(uint terminalId) => _authority.IssueTerminal(terminalId);

    public void Dispose()
    {
        _authority.Dispose();
        Ca.Dispose();
    }
}
