using Backend.Ingest.Provisioning;

namespace Backend.Ingest.Downlink;

/// <summary>
/// The downlink's signing key: id <c>Backend:Downlink:KeyId</c> (default 1), seed <c>Backend:Downlink:SigningKey</c>
/// (32 bytes, base64), or without one the <see cref="KeyFile"/> <see cref="FileName"/> of the data directory, created
/// at first use. Terminals hold its public half from provisioning (terminal.key), so it must outlive a restart: a key
/// made afresh per run would leave every provisioned terminal refusing the backend's fare tables and blacklists.
/// </summary>
public static class DownlinkSigningKey
{
    public const string FileName = "downlink-signing.key";
    public const int DefaultKeyId = 1;

    public static DownlinkSigner Resolve(IConfiguration configuration, string dataDirectory)
    {
        var section = configuration.GetSection("Backend:Downlink");
        int keyId = section.GetValue("KeyId", DefaultKeyId);
        var seed = section["SigningKey"] is { Length: > 0 } configured
            ? Convert.FromBase64String(configured)
            : KeyFile.LoadOrCreate(Path.Combine(dataDirectory, FileName), 32);
        return new DownlinkSigner(keyId, seed);
    }
}
