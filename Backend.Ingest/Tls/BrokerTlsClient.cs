using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace Backend.Ingest.Tls;

/// <summary>
/// How our MQTT clients (the ingest workers, the emulator's terminals) reach a TLS broker: TLS 1.2 or 1.3, the broker's
/// certificate must chain to the operator CA alone (the system's roots are not consulted, an expired certificate is
/// refused) and name <see cref="TargetHost"/>. There is no "accept any certificate" switch. A terminal may present its
/// client certificate (Mosquitto's certificate listener).
/// </summary>
public sealed record BrokerTlsClient(X509Certificate2 TrustedCa, string TargetHost, X509Certificate2? ClientCertificate = null)
{
    public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>The TLS part of a client's options.</summary>
    public void Apply(MqttClientOptionsBuilder options) =>
        options.WithTlsOptions(tls =>
        {
            tls.UseTls()
                .WithSslProtocols(Protocols)
                .WithTargetHost(TargetHost)
                .WithCertificateValidationHandler(e => IsTrusted(e.Certificate, e.SslPolicyErrors, TrustedCa));
            if (ClientCertificate is not null)
            {
                tls.WithClientCertificates([ClientCertificate]);
            }
        });

    /// <summary>The broker's certificate names the host we asked for and chains to <paramref name="ca"/> and nothing else.</summary>
    public static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 ca)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }

        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        // The operator CA publishes no revocation list: a broker certificate is replaced, not revoked.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented);
    }
}
