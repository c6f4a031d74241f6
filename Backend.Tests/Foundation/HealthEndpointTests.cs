using System.Net;
using Backend.Tests.Health;
using Backend.Tests.Ingest;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Backend.Tests.Foundation;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task TheServiceStartsOnEmbeddedDefaultsAndReportsLiveThenReady()
    {
        var data = Directory.CreateTempSubdirectory("busfare-health-").FullName;
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("Backend:DataDirectory", data)
            .UseSetting("Backend:Broker:Embedded:Port", "0"));
        using var client = factory.CreateClient();

        var live = await HealthProbe.GetAsync(client, "/health/live");
        Assert.Equal((HttpStatusCode.OK, "ok"), (live.Code, live.Status));
        await Eventually.TrueAsync(async () => (await HealthProbe.GetAsync(client, "/health")).Status == "ok",
            "ready once the embedded broker, ingest and the SQLite store are up");
        var ready = await HealthProbe.GetAsync(client, "/health");
        Assert.Equal(HttpStatusCode.OK, ready.Code);
        Assert.Equal("ok", ready.StatusOf("database"));
        Assert.Contains("Sqlite reachable and writable", ready.Checks["database"].Description);
    }
}
