using System.Text.Json;
using Backend.Tests.Infrastructure;
using Backend.Tests.Ingest;
using Xunit;

namespace Backend.Tests.Foundation;

/// <summary>Logging:Console:FormatterName=json turns the console log into one JSON object a line, for a log shipper to parse.</summary>
public sealed class JsonConsoleLogTests
{
    [Fact]
    public async Task TheJsonSwitchMakesEveryConsoleLineAStructuredEvent()
    {
        var database = await Ingest.TestDatabase.CreateAsync("sqlite");
        await using var broker = await MosquittoBroker.StartAsync();
        await using var backend = await IngestProcess.StartAsync(broker.Port, database, new Dictionary<string, string?>
        {
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:LogLevel:Default"] = "Information",
        });
        await Eventually.TrueAsync(() => Task.FromResult(backend.Output.Contains("Application started")), "the start-up lines");

        var lines = backend.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var events = lines.Select(line => JsonDocument.Parse(line).RootElement).ToArray();

        Assert.All(events, e => Assert.True(
            e.TryGetProperty("LogLevel", out _) && e.TryGetProperty("Category", out _) && e.TryGetProperty("Message", out _), e.ToString()));
        var listening = Assert.Single(events, e => e.GetProperty("Message").GetString()!.StartsWith("Now listening on"));
        Assert.Equal("Microsoft.Hosting.Lifetime", listening.GetProperty("Category").GetString());
        // The event's fields, not only its text: a shipper can index the address.
        Assert.StartsWith("http://127.0.0.1:", listening.GetProperty("State").GetProperty("address").GetString());
    }
}
