using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Backend.Ingest.Provisioning;

namespace Backend.Ingest.Tls;

/// <summary>
/// The operator's own certificate authority for MQTT over TLS: an ECDSA P-256 root that signs the broker's server
/// certificate and, optionally, one client certificate per terminal. Nobody outside the operator trusts it, and no
/// client of ours trusts anything else (the broker is verified against this CA only, never the system store).
/// P-256 because ESP32's mbedTLS verifies it in hardware-assisted time and its certificates are small.
/// </summary>
public sealed class OperatorCertificateAuthority : IDisposable
{
    public const string DefaultSubject = "CN=Busfare operator CA";

    /// <summary>Long: replacing the root means touching every terminal's I: drive.</summary>
    public static readonly TimeSpan CaValidity = TimeSpan.FromDays(3650);

    /// <summary>The broker's certificate is renewed yearly (reissued beside the running broker, applied on restart).</summary>
    public static readonly TimeSpan BrokerValidity = TimeSpan.FromDays(397);

    /// <summary>A terminal's certificate outlives a typical provisioning cycle; revocation is by its dynamic-security client.</summary>
    public static readonly TimeSpan TerminalValidity = TimeSpan.FromDays(1826);

    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private OperatorCertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The CA certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public static OperatorCertificateAuthority Create(string subject = DefaultSubject, DateTimeOffset? now = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var from = (now ?? DateTimeOffset.UtcNow).AddMinutes(-5);
        return new OperatorCertificateAuthority(request.CreateSelfSigned(from, from + CaValidity));
    }

    /// <summary>The CA of a TLS directory; a clear error when <c>ca init</c> has not been run there.</summary>
    public static OperatorCertificateAuthority Load(TlsDirectory directory)
    {
        if (!File.Exists(directory.CaCertificate) || !File.Exists(directory.CaKey))
        {
            throw new InvalidOperationException($"no operator CA in {directory.Path}: run `ca init` first");
        }

        return new OperatorCertificateAuthority(X509Certificate2.CreateFromPemFile(directory.CaCertificate, directory.CaKey));
    }

    /// <summary>The public CA certificate of a TLS directory, the one trust anchor of every client.</summary>
    public static X509Certificate2 LoadPublic(string caCertificatePath) =>
        File.Exists(caCertificatePath)
            ? X509Certificate2.CreateFromPem(File.ReadAllText(caCertificatePath))
            : throw new InvalidOperationException($"the CA certificate {caCertificatePath} does not exist: run `ca init` on the backend and copy its ca.crt here");

    /// <summary>Writes the CA: certificate world-readable, key owner-only. Refuses to replace an existing CA.</summary>
    public void Save(TlsDirectory directory)
    {
        if (!AtomicFile.TryCreate(directory.CaKey, Key(Certificate), AtomicFile.OwnerOnly))
        {
            throw new InvalidOperationException($"{directory.CaKey} exists: an operator CA is already there (replacing it would cut off every terminal)");
        }

        AtomicFile.WriteAllText(directory.CaCertificate, Certificate.ExportCertificatePem() + "\n", AtomicFile.WorldReadable);
    }

    /// <summary>The broker's server certificate: its DNS name and optional IP addresses as subject alternative names.</summary>
    public X509Certificate2 IssueBroker(string host, IReadOnlyList<IPAddress> addresses, DateTimeOffset? now = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        foreach (var address in addresses)
        {
            names.AddIpAddress(address);
        }

        return Issue(new X500DistinguishedName($"CN={host}"), names.Build(critical: false), ServerAuthentication, BrokerValidity, now);
    }

    /// <summary>A terminal's client certificate: its common name is its broker user <c>terminal-{id}</c> (Mosquitto's use_identity_as_username).</summary>
    public X509Certificate2 IssueTerminal(uint terminalId, DateTimeOffset? now = null) =>
        Issue(new X500DistinguishedName($"CN={BrokerIdentity.Terminal(terminalId)}"), extension: null, ClientAuthentication, TerminalValidity, now);

    /// <summary>Writes an issued certificate and its key, both owner-only (the broker's certificate names the host it serves).</summary>
    public static void Save(X509Certificate2 issued, string certificatePath, string keyPath)
    {
        AtomicFile.WriteAllText(keyPath, Key(issued), AtomicFile.OwnerOnly);
        AtomicFile.WriteAllText(certificatePath, issued.ExportCertificatePem() + "\n", AtomicFile.OwnerOnly);
    }

    public void Dispose() => Certificate.Dispose();

    private X509Certificate2 Issue(X500DistinguishedName subject, X509Extension? extension, Oid usage, TimeSpan validity, DateTimeOffset? now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (extension is not null)
        {
            request.CertificateExtensions.Add(extension);
        }

        var from = (now ?? DateTimeOffset.UtcNow).AddMinutes(-5);
        var until = from + validity < Certificate.NotAfter ? from + validity : new DateTimeOffset(Certificate.NotAfter.ToUniversalTime());
        using var issued = request.Create(Certificate, from, until, SerialNumber());
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>128 random bits, positive as RFC 5280 requires (the top bit clear).</summary>
    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return serial;
    }

    private static string Key(X509Certificate2 certificate) =>
        (certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the certificate has no ECDSA private key")).ExportPkcs8PrivateKeyPem() + "\n";
}
