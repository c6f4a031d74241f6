using Backend.Ingest.Downlink;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Backend.Tests.Downlink;

public sealed class DownlinkServicesTests
{
    [Fact]
    public void TheConfiguredKeyIsUsed()
    {
        var seed = Enumerable.Repeat((byte)0x2D, 32).ToArray();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Backend:Downlink:KeyId"] = "7",
            ["Backend:Downlink:SigningKey"] = Convert.ToBase64String(seed),
        }).Build();
        using var provider = new ServiceCollection().AddDownlinkPlanner(configuration).BuildServiceProvider();

        var signer = provider.GetRequiredService<DownlinkSigner>();
        Assert.Equal(7, signer.KeyId);
        Assert.Equal(new DownlinkSigner(7, seed).PublicKey, signer.PublicKey);
    }

    [Fact]
    public void WithoutConfigurationARunGetsAFreshKey()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var provider = new ServiceCollection().AddDownlinkPlanner(configuration).BuildServiceProvider();
        using var nextRun = new ServiceCollection().AddDownlinkPlanner(configuration).BuildServiceProvider();

        Assert.Equal(1, provider.GetRequiredService<DownlinkSigner>().KeyId);
        Assert.NotEqual(nextRun.GetRequiredService<DownlinkSigner>().PublicKey, provider.GetRequiredService<DownlinkSigner>().PublicKey);
    }
}
