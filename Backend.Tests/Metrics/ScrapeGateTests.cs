using System.Net;
using Backend.Ingest.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Backend.Tests.Metrics;

/// <summary>Who may scrape /metrics: loopback always, anyone else only with Backend:Metrics:ScrapeToken as a bearer token.</summary>
public sealed class ScrapeGateTests
{
    private const string Token = "scrape-7f3a9c";

    [Theory]
    [InlineData("127.0.0.1", null, null, HttpStatusCode.OK)]
    [InlineData("::1", null, Token, HttpStatusCode.OK)]
    [InlineData("192.0.2.10", null, null, HttpStatusCode.Unauthorized)]
    [InlineData("192.0.2.10", "Bearer " + Token, null, HttpStatusCode.Unauthorized)]
    [InlineData("192.0.2.10", "Bearer " + Token, Token, HttpStatusCode.OK)]
    [InlineData("192.0.2.10", "bearer " + Token, Token, HttpStatusCode.OK)]
    [InlineData("192.0.2.10", "Bearer wrong", Token, HttpStatusCode.Unauthorized)]
    [InlineData("192.0.2.10", "Bearer " + Token + "x", Token, HttpStatusCode.Unauthorized)]
    [InlineData("192.0.2.10", Token, Token, HttpStatusCode.Unauthorized)]
    public async Task TheGateLetsLoopbackAndTheTokenThroughOnly(string remote, string? authorization, string? configuredToken, HttpStatusCode expected)
    {
        var services = new ServiceCollection().Configure<MetricsOptions>(options => options.ScrapeToken = configuredToken).BuildServiceProvider();
        var branch = new ApplicationBuilder(services);
        ScrapeGate.Use(branch);
        branch.Run(context => context.Response.WriteAsync("scraped"));
        var context = new DefaultHttpContext { RequestServices = services };
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        context.Response.Body = new MemoryStream();

        await branch.Build()(context);

        Assert.Equal((int)expected, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal("scraped", body);
        }
        else
        {
            Assert.Equal("Bearer", context.Response.Headers.WWWAuthenticate.ToString());
            Assert.Contains("Scrape /metrics from loopback", body);
        }
    }
}
