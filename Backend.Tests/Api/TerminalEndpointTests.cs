using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Backend.Ingest.Api;
using Backend.Ingest.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Backend.Tests.Api;

/// <summary>GET /api/terminals and /api/terminals/{id}: status reports beside ingest progress, online by the heartbeat rule.</summary>
public sealed class TerminalEndpointTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheFleetListsEveryTerminalKnownFromAStatusOrABatch(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.SetProgressAsync(5, highWater: 812, lastBatchAt: Noon.AddSeconds(-30));
        await database.SetProgressAsync(9, highWater: 40, lastBatchAt: Noon.AddHours(-2));
        await using var host = await ApiHost.StartAsync(database, Noon);
        var statuses = host.Services.GetRequiredService<TerminalStatusStore>();
        await statuses.UpsertAsync(new TerminalStatusReport(5, true, 10_203, 4, 19, 2, 35, Noon.AddSeconds(-20)));
        await statuses.UpsertAsync(new TerminalStatusReport(2, true, 10_203, 4, 18, 2, 0, Noon.AddSeconds(-10)));
        await statuses.MarkOfflineAsync(2, Noon.AddSeconds(-5));

        var fleet = await host.Client.GetFromJsonAsync<List<TerminalView>>("/api/terminals");

        Assert.Equal(
            [
                new TerminalView(2, false, 10_203, 4, 18, 2, 0, Noon.AddSeconds(-10), null, null, 0),
                new TerminalView(5, true, 10_203, 4, 19, 2, 35, Noon.AddSeconds(-20), 812, Noon.AddSeconds(-30), 0),
                new TerminalView(9, false, null, null, null, null, null, null, 40, Noon.AddHours(-2)),
            ],
            fleet);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ATerminalSilentForMoreThanThreeHeartbeatsShowsOffline(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Noon);
        await host.Services.GetRequiredService<TerminalStatusStore>().UpsertAsync(new TerminalStatusReport(5, true, 1, 1, 1, 1, 0, Noon));

        host.Clock.Now = Noon.AddSeconds(180);
        Assert.True((await host.Client.GetFromJsonAsync<TerminalView>("/api/terminals/5"))!.Online);

        host.Clock.Now = Noon.AddSeconds(181);
        Assert.False((await host.Client.GetFromJsonAsync<TerminalView>("/api/terminals/5"))!.Online);
    }

    [Fact]
    public async Task TheHeartbeatComesFromConfiguration()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var host = await ApiHost.StartAsync(database, Noon.AddSeconds(31),
            new Dictionary<string, string?> { ["Backend:Fleet:HeartbeatSeconds"] = "10" });
        await host.Services.GetRequiredService<TerminalStatusStore>().UpsertAsync(new TerminalStatusReport(5, true, 1, 1, 1, 1, 0, Noon));

        Assert.False((await host.Client.GetFromJsonAsync<TerminalView>("/api/terminals/5"))!.Online);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task OneTerminalIsFoundByIdAndAnUnknownOneIsNotFound(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.SetProgressAsync(4_294_967_295, highWater: 3, lastBatchAt: Noon);
        await using var host = await ApiHost.StartAsync(database, Noon);

        Assert.Equal(
            new TerminalView(4_294_967_295, false, null, null, null, null, null, null, 3, Noon),
            await host.Client.GetFromJsonAsync<TerminalView>("/api/terminals/4294967295"));

        using var missing = await host.Client.GetAsync("/api/terminals/6");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await missing.Content.ReadAsStringAsync());
        Assert.Contains("6", problem.RootElement.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("bus-6")]
    [InlineData("4294967296")]
    public async Task ATerminalIdThatIsNotAU32IsABadRequest(string id)
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var host = await ApiHost.StartAsync(database, Noon);

        using var response = await host.Client.GetAsync($"/api/terminals/{id}");

        await ProblemAssert.IsValidationProblemAsync(response, "id");
    }
}
