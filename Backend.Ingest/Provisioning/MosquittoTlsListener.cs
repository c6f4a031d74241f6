using Backend.Ingest.Tls;

namespace Backend.Ingest.Provisioning;

/// <summary>
/// Mosquitto's TLS listeners in <c>busfare.conf</c>: <see cref="Port"/> (8883) takes passwords over TLS; the optional
/// <see cref="ClientCertificatePort"/> takes terminals by their client certificate alone (<c>require_certificate</c>,
/// <c>use_identity_as_username</c>: the certificate's CN <c>terminal-N</c> is the dynamic-security client, and
/// <c>use_username_as_clientid</c> makes it the client id too, so no certificate can take over another terminal's session).
/// The certificates are copied beside the generated files, where Mosquitto (its own user) can read them.
/// With these listeners the snippet declares every listener itself: the broker has no plaintext port.
/// </summary>
public sealed record MosquittoTlsListener(int Port, int? ClientCertificatePort, string CaFile, string CertificateFile, string KeyFile)
{
    public const string CaFileName = "ca.crt";
    public const string CertificateFileName = "broker.crt";
    public const string KeyFileName = "broker.key";

    /// <summary>The listeners of <c>Backend:Broker:Tls</c>; null when TLS is off (Development: the operator's own plaintext listener).</summary>
    public static MosquittoTlsListener? From(BrokerTlsOptions options) =>
        options.Enabled ? new(options.Port, options.ClientCertificatePort, options.CaFile, options.CertificateFile, options.KeyFile) : null;

    /// <summary>
    /// The listeners for a data directory where <c>ca issue-broker</c> has run (default ports), so that a provisioning
    /// change rewriting the files keeps TLS on; null when it has not.
    /// </summary>
    public static MosquittoTlsListener? InDataDirectory(string dataDirectory)
    {
        var files = TlsDirectory.InDataDirectory(dataDirectory);
        return File.Exists(files.BrokerCertificate)
            ? new(BrokerTlsOptions.DefaultPort, null, files.CaCertificate, files.BrokerCertificate, files.BrokerKey)
            : null;
    }

    public string ConfigLines(string directory)
    {
        var files = $"""
            cafile {Path.Combine(directory, CaFileName)}
            certfile {Path.Combine(directory, CertificateFileName)}
            keyfile {Path.Combine(directory, KeyFileName)}
            tls_version tlsv1.2

            """;
        var lines = $"""
            # MQTT over TLS only (no plaintext listener): the operator CA's broker certificate, TLS 1.2 at least.
            listener {Port}
            {files}
            """;
        if (ClientCertificatePort is { } certificatePort)
        {
            lines += $"""
                # Terminals by client certificate: its CN is the user and the client id, no password asked.
                listener {certificatePort}
                {files}require_certificate true
                use_identity_as_username true
                use_username_as_clientid true

                """;
        }

        return lines;
    }

    /// <summary>Copies the CA certificate (public) and the broker's certificate and key (owner-only) into <paramref name="directory"/>.</summary>
    public void CopyFiles(string directory)
    {
        AtomicFile.WriteAllText(Path.Combine(directory, CaFileName), File.ReadAllText(CaFile), AtomicFile.WorldReadable);
        AtomicFile.WriteAllText(Path.Combine(directory, CertificateFileName), File.ReadAllText(CertificateFile), AtomicFile.OwnerOnly);
        AtomicFile.WriteAllText(Path.Combine(directory, KeyFileName), File.ReadAllText(KeyFile), AtomicFile.OwnerOnly);
    }
}
