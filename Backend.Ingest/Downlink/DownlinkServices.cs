using System.Security.Cryptography;

namespace Backend.Ingest.Downlink;

/// <summary>
/// Registers the downlink side: the catalog (from the JSON file at <c>Backend:Downlink:Catalog</c> when it exists,
/// else empty), the signer (key id <c>Backend:Downlink:KeyId</c>, default 1; private key seed, 32 bytes base64, at
/// <c>Backend:Downlink:SigningKey</c>; without one a fresh key is made for this run, fit for the embedded demo only,
/// whose terminals get <see cref="DownlinkSigner.PublicKey"/> at provisioning) and the planner.
/// </summary>
public static class DownlinkServices
{
    public static IServiceCollection AddDownlinkPlanner(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Backend:Downlink");
        services.AddSingleton(_ =>
        {
            string? path = section["Catalog"];
            return path is not null && File.Exists(path) ? DownlinkCatalog.Load(path) : new DownlinkCatalog();
        });
        services.AddSingleton(_ =>
        {
            int keyId = section.GetValue("KeyId", 1);
            string? seed = section["SigningKey"];
            return new DownlinkSigner(keyId, seed is null ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(seed));
        });
        services.AddSingleton(provider => new DownlinkPlanner(
            provider.GetRequiredService<DownlinkCatalog>(), provider.GetRequiredService<DownlinkSigner>(), provider.GetService<TimeProvider>()));
        return services;
    }
}
