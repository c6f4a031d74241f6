using Backend.Ingest.Downlink;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Backend.Tests.Downlink;

public sealed class DownlinkServicesTests
{
    [Fact]
    public void TheConfiguredKeyAndCatalogFileAreUsed()
    {
        var seed = Enumerable.Repeat((byte)0x2D, 32).ToArray();
        string path = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.json");
        var saved = new DownlinkCatalog();
        saved.PublishBlacklist([BlacklistChange.ListCard([1, 2, 3, 4], 5)]);
        saved.Save(path);
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Backend:Downlink:KeyId"] = "7",
                ["Backend:Downlink:SigningKey"] = Convert.ToBase64String(seed),
                ["Backend:Downlink:Catalog"] = path,
            }).Build();
            using var provider = new ServiceCollection().AddDownlinkPlanner(configuration).BuildServiceProvider();

            var signer = provider.GetRequiredService<DownlinkSigner>();
            Assert.Equal(7, signer.KeyId);
            Assert.Equal(new DownlinkSigner(7, seed).PublicKey, signer.PublicKey);
            Assert.Equal(1u, provider.GetRequiredService<DownlinkCatalog>().BlacklistVersion);
            Assert.NotNull(provider.GetRequiredService<DownlinkPlanner>());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void WithoutConfigurationARunGetsAFreshKeyAndAnEmptyCatalog()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var provider = new ServiceCollection().AddDownlinkPlanner(configuration).BuildServiceProvider();
        using var nextRun = new ServiceCollection().AddDownlinkPlanner(configuration).BuildServiceProvider();

        Assert.Equal(1, provider.GetRequiredService<DownlinkSigner>().KeyId);
        Assert.Equal(0u, provider.GetRequiredService<DownlinkCatalog>().BlacklistVersion);
        Assert.NotEqual(nextRun.GetRequiredService<DownlinkSigner>().PublicKey, provider.GetRequiredService<DownlinkSigner>().PublicKey);
    }
}
