using System.Text.Json;
using Backend.Tests.Infrastructure;
using Terminal.Emulator.Bench;
using Xunit;

namespace Backend.Tests.Fleet;

/// <summary>`bench ingest` uploads every pre-filled journal through the real sync agent to the real backend and ends with its figures as JSON.</summary>
public sealed class IngestBenchTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task EveryRecordIsStoredOnceAndTheFiguresEndTheOutput(string store)
    {
        var output = new StringWriter();

        var exit = await IngestBenchCommand.RunAsync(store, 12, 1_500, store == "postgres" ? TestEnvironment.PostgresConnectionString : null, output, CancellationToken.None);

        Assert.True(exit == 0, output.ToString());
        var json = JsonDocument.Parse(output.ToString().Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(store, json.GetProperty("store").GetString());
        Assert.Equal(1_500, json.GetProperty("tx").GetInt32());
        Assert.Equal(0, json.GetProperty("lost").GetInt32());
        Assert.Equal(0, json.GetProperty("duplicated").GetInt32());
        Assert.Equal(0, json.GetProperty("unexpected").GetInt32());
        Assert.True(json.GetProperty("batches").GetInt32() >= 1_500 / 64);
        Assert.InRange(json.GetProperty("ackP50Ms").GetDouble(), 0.01, json.GetProperty("ackP99Ms").GetDouble());
        Assert.True(json.GetProperty("txPerSec").GetDouble() > 0);
        Assert.True(json.GetProperty("baselineTxPerSec").GetDouble() > 0);
        var (rate, baseline) = (json.GetProperty("txPerSec").GetDouble(), json.GetProperty("baselineTxPerSec").GetDouble());
        // The ratio is of the unrounded rates (to 3 places); the rates are printed as whole records per second.
        var ratio = rate / baseline;
        var rounding = 0.0005 + (ratio * ((0.5 / rate) + (0.5 / baseline)));
        Assert.InRange(json.GetProperty("ratio").GetDouble(), ratio - rounding, ratio + rounding);
    }

    [Fact]
    public async Task TooFewRecordsForTheTerminalsIsRefused()
    {
        var output = new StringWriter();
        Assert.Equal(2, await IngestBenchCommand.RunAsync("sqlite", 10, 5, null, output, CancellationToken.None));
        Assert.Contains("--tx at least --terminals", output.ToString());
    }

    [Fact]
    public async Task PostgresWithoutAConnectionStringIsRefused()
    {
        var output = new StringWriter();
        Assert.Equal(2, await IngestBenchCommand.RunAsync("postgres", 2, 10, null, output, CancellationToken.None));
        Assert.Contains("--postgres", output.ToString());
    }
}
