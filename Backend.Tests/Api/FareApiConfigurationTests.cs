using Backend.Ingest.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Backend.Tests.Api;

/// <summary>Which database AddFareApi opens, from Backend:Store:*.</summary>
public sealed class FareApiConfigurationTests
{
    [Fact]
    public async Task WithoutASqlitePathTheStoreIsBusfareDbInTheContentRootsDataFolder()
    {
        var contentRoot = Directory.CreateTempSubdirectory("busfare-api-root-").FullName;

        await using (var app = Build(contentRoot, new Dictionary<string, string?> { ["Backend:Store:Kind"] = "Sqlite" }))
        {
            await app.StartAsync();
            await app.StopAsync();
        }

        Assert.True(File.Exists(Path.Combine(contentRoot, "data", "busfare.db")));
    }

    [Theory]
    [InlineData("Postgres", "Backend:Store:Postgres")]
    [InlineData("Oracle", "Sqlite or Postgres")]
    public async Task AStoreThatCannotBeOpenedStopsTheStartWithAMessageSayingWhy(string kind, string message)
    {
        await using var app = Build(Directory.CreateTempSubdirectory("busfare-api-root-").FullName,
            new Dictionary<string, string?> { ["Backend:Store:Kind"] = kind });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains(message, error.Message);
    }

    private static WebApplication Build(string contentRoot, Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = contentRoot, EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddFareApi(builder.Configuration);
        var app = builder.Build();
        app.MapFareApi();
        return app;
    }
}
