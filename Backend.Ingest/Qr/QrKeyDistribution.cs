using Backend.Ingest.Downlink;

namespace Backend.Ingest.Qr;

/// <summary>
/// Puts the token-signing public key into the downlink key set at start, so that every terminal learns it the way it
/// learns any backend key after provisioning: a signed keys message at its next status (docs/qr-token.md, "Keys and
/// rotation"). A key set that already holds it under its id is left alone.
/// </summary>
public sealed class QrKeyDistribution(QrTokenSigner signer, DownlinkCatalog catalog) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var (_, keys) = catalog.Keys;
        if (!keys.Any(k => k.KeyId == signer.KeyId && k.PublicKey.AsSpan().SequenceEqual(signer.PublicKey)))
        {
            catalog.SetKeys(keys.Where(k => k.KeyId != signer.KeyId).Append(new BackendPublicKey(signer.KeyId, signer.PublicKey)));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
