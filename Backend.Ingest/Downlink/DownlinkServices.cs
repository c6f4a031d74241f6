using System.Data.Common;
using System.Security.Cryptography;
using Backend.Ingest.Changes;
using Backend.Ingest.Loads;

namespace Backend.Ingest.Downlink;

/// <summary>
/// Registers the downlink side: the signer (key id <c>Backend:Downlink:KeyId</c>, default 1; private key seed, 32
/// bytes base64, at <c>Backend:Downlink:SigningKey</c>; without one a fresh key is made for this run, fit for the
/// embedded demo only, whose terminals get <see cref="DownlinkSigner.PublicKey"/> at provisioning), the catalog over
/// the store's database with its refresh, and the planner.
/// </summary>
public static class DownlinkServices
{
    public static IServiceCollection AddDownlinkPlanner(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Backend:Downlink");
        services.AddSingleton(_ =>
        {
            int keyId = section.GetValue("KeyId", 1);
            string? seed = section["SigningKey"];
            return new DownlinkSigner(keyId, seed is null ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(seed));
        });
        services.AddChanges();
        services.AddSingleton(provider => new DownlinkCatalog(
            provider.GetRequiredService<DbDataSource>(), provider.GetRequiredService<ChangeRunner>(), provider.GetRequiredService<DownlinkSigner>()));
        services.AddHostedService<DownlinkCatalogRefresh>();
        services.AddSingleton<DownlinkChanges>();
        services.AddSingleton<DownlinkSightings>();
        services.AddSingleton(provider => new DownlinkPlanner(
            provider.GetRequiredService<DownlinkCatalog>(), provider.GetRequiredService<DownlinkSigner>(), provider.GetService<TimeProvider>(),
            provider.GetService<PendingLoadListCatalog>()));
        return services;
    }
}
