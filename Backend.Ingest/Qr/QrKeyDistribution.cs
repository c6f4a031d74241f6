using Backend.Ingest.Downlink;
using Backend.Ingest.Ingest;
using Backend.Ingest.Storage.Schema;

namespace Backend.Ingest.Qr;

/// <summary>
/// Puts the token-signing public key into the downlink key set once the database is there, so that every terminal
/// learns it the way it learns any backend key after provisioning: a signed keys message at its next status
/// (docs/qr-token.md, "Keys and rotation"). A key set that already holds it under its id is left alone; other keys
/// in it stay (a rotated-out key keeps verifying the tokens it signed until an operator removes it).
/// </summary>
public sealed class QrKeyDistribution(QrTokenSigner signer, DownlinkCatalog catalog, SchemaReadiness schema, ILogger<QrKeyDistribution> logger)
    : BackgroundService
{
    public const string Actor = "backend";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await schema.WaitAsync(stoppingToken);
            await DatabaseRetry.UntilDoneAsync(async () =>
            {
                await catalog.RefreshAsync(stoppingToken);
                var (_, keys) = catalog.Keys;
                if (!keys.Any(k => k.KeyId == signer.KeyId && k.PublicKey.AsSpan().SequenceEqual(signer.PublicKey)))
                {
                    var version = await catalog.SetKeysAsync(keys.Where(k => k.KeyId != signer.KeyId).Append(new BackendPublicKey(signer.KeyId, signer.PublicKey)), Actor, stoppingToken);
                    logger.LogInformation("QR key {KeyId} added to the downlink key set, version {Version}", signer.KeyId, version);
                }
            }, (e, delay) => logger.LogWarning("Publishing the QR key failed; retrying in {Delay} ms: {Reason}", delay.TotalMilliseconds, e.Message), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before the database came: the next start publishes it.
        }
    }
}
