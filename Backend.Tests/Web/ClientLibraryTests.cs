using System.Net;
using Backend.Ingest.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Xunit;

namespace Backend.Tests.Web;

/// <summary>The npm libraries the build embeds are served under /lib to anyone; nothing else is.</summary>
public sealed class ClientLibraryTests
{
    [Fact]
    public async Task ChartJsFromNpmIsServedUnderLibAndOtherPathsFallThrough()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();
        app.UseClientLibraries();
        app.MapGet("/lib/{name}", (string name) => Results.NotFound(name));
        await app.StartAsync();
        using var client = app.GetTestClient();

        Assert.Equal(["chart.umd.min.js"], ClientLibraries.Files);
        using var chart = await client.GetAsync("/lib/chart.umd.min.js");
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Equal("text/javascript", chart.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("/*!\n * Chart.js v4.5.1", await chart.Content.ReadAsStringAsync());
        using var other = await client.GetAsync("/lib/jquery.js");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }
}
