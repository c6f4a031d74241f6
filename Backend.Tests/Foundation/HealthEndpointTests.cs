using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Backend.Tests.Foundation;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task TheServiceStartsAndReportsHealthy()
    {
        var data = Directory.CreateTempSubdirectory("busfare-health-").FullName;
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("Backend:DataDirectory", data)
            .UseSetting("Backend:Broker:Embedded:Port", "0"));
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"status\":\"ok\"", await response.Content.ReadAsStringAsync());
    }
}
