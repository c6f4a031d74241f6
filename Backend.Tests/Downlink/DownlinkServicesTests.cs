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
    public void WithoutConfigurationTheKeyIsKeptInTheDataDirectoryAcrossRuns()
    {
        var data = Directory.CreateTempSubdirectory("busfare-downlink-key-").FullName;
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Backend:DataDirectory"] = data }).Build();
            using var provider = new ServiceCollection().AddDownlinkPlanner(configuration).BuildServiceProvider();
            using var nextRun = new ServiceCollection().AddDownlinkPlanner(configuration).BuildServiceProvider();
            var other = Directory.CreateTempSubdirectory("busfare-downlink-key-").FullName;
            var elsewhere = DownlinkSigningKey.Resolve(new ConfigurationBuilder().Build(), other);
            Directory.Delete(other, recursive: true);

            Assert.Equal(1, provider.GetRequiredService<DownlinkSigner>().KeyId);
            Assert.Equal(nextRun.GetRequiredService<DownlinkSigner>().PublicKey, provider.GetRequiredService<DownlinkSigner>().PublicKey);
            Assert.NotEqual(elsewhere.PublicKey, provider.GetRequiredService<DownlinkSigner>().PublicKey);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, Backend.Tests.Provisioning.UnixMode.Of(Path.Combine(data, DownlinkSigningKey.FileName)));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
