using Microsoft.Extensions.Configuration;

namespace Backend.Ingest.Tls;

/// <summary>
/// <c>Backend:Broker:Tls</c>: MQTT over TLS. <c>Enabled</c> turns it on for the embedded broker (its only listener is
/// then the encrypted one, on <c>Port</c>, default 8883) and for the backend's own clients (they connect to the broker's
/// TLS port and verify it against <c>CaFile</c>, the operator CA, nothing else). <c>ClientCertificatePort</c> adds a
/// Mosquitto listener where terminals log in with their client certificate instead of a password. The files default to
/// the <c>ca</c> command's: <c>&lt;data dir&gt;/tls/ca.crt</c>, <c>broker.crt</c>, <c>broker.key</c>.
/// </summary>
public sealed record BrokerTlsOptions(bool Enabled, int Port, int? ClientCertificatePort, string CaFile, string CertificateFile, string KeyFile)
{
    public const string Section = "Backend:Broker:Tls";

    public const int DefaultPort = 8883;

    public static BrokerTlsOptions From(IConfiguration configuration, string dataDirectory)
    {
        var section = configuration.GetSection(Section);
        var files = TlsDirectory.InDataDirectory(dataDirectory);
        var options = new BrokerTlsOptions(
            section.GetValue("Enabled", false),
            section.GetValue("Port", DefaultPort),
            section.GetValue<int?>("ClientCertificatePort"),
            Path.GetFullPath(section["CaFile"] is { Length: > 0 } ca ? ca : files.CaCertificate, dataDirectory),
            Path.GetFullPath(section["CertificateFile"] is { Length: > 0 } certificate ? certificate : files.BrokerCertificate, dataDirectory),
            Path.GetFullPath(section["KeyFile"] is { Length: > 0 } key ? key : files.BrokerKey, dataDirectory));
        if (options.Port is < 0 or > 65535 || options.ClientCertificatePort is < 1 or > 65535 || options.ClientCertificatePort == options.Port)
        {
            throw new InvalidOperationException(
                $"{Section}: Port {options.Port} and ClientCertificatePort {options.ClientCertificatePort} must be distinct TCP ports");
        }

        return options;
    }

    /// <summary>The broker's certificate with its key, for a TLS listener; a clear error when <c>ca issue-broker</c> has not run.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2 LoadBrokerCertificate() =>
        File.Exists(CertificateFile) && File.Exists(KeyFile)
            ? System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(CertificateFile, KeyFile)
            : throw new InvalidOperationException($"{Section} is enabled but {CertificateFile} or {KeyFile} is missing: run `ca issue-broker --host <name>`");
}
