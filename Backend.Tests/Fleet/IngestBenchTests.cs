using System.Text.Json;
using Terminal.Emulator.Bench;
using Xunit;

namespace Backend.Tests.Fleet;

/// <summary>`bench ingest` uploads every pre-filled journal through the real sync agent and ends with its figures as JSON.</summary>
public sealed class IngestBenchTests
{
    [Fact]
    public async Task EveryRecordIsStoredOnceAndTheFiguresEndTheOutput()
    {
        await using var backend = await InProcessBackend.StartAsync();
        var output = new StringWriter();

        var exit = await IngestBench.RunAsync("sqlite", 12, 1_500, new IngestBenchBackend(backend.ForFleet(), InProcessBackend.BaselineAsync), output);

        Assert.True(exit == 0, output.ToString());
        var json = JsonDocument.Parse(output.ToString().Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(1_500, json.GetProperty("tx").GetInt32());
        Assert.Equal(0, json.GetProperty("lost").GetInt32());
        Assert.Equal(0, json.GetProperty("duplicated").GetInt32());
        Assert.True(json.GetProperty("batches").GetInt32() >= 1_500 / 64);
        Assert.InRange(json.GetProperty("ackP50Ms").GetDouble(), 0.01, json.GetProperty("ackP99Ms").GetDouble());
        Assert.True(json.GetProperty("txPerSec").GetDouble() > 0);
        Assert.True(json.GetProperty("baselineTxPerSec").GetDouble() > 0);
    }

    [Fact]
    public async Task TooFewRecordsForTheTerminalsIsRefused()
    {
        var output = new StringWriter();
        var unused = new IngestBenchBackend(new Terminal.Emulator.Fleet.FleetBackend("127.0.0.1", 1, _ => "", _ => Task.CompletedTask, _ => Task.FromResult<IReadOnlyList<Terminal.Emulator.Fleet.StoredRecord>>([])), (_, _) => Task.FromResult(TimeSpan.Zero));
        Assert.Equal(2, await IngestBench.RunAsync("sqlite", 10, 5, unused, output));
        Assert.Contains("--tx at least --terminals", output.ToString());
    }
}
