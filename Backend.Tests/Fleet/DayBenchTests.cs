using System.Text.Json;
using Backend.Tests.Infrastructure;
using Terminal.Emulator.Bench;
using Xunit;

namespace Backend.Tests.Fleet;

/// <summary>
/// `bench day` small: 50 terminals in two child processes over a 20-second day store every record once, and the
/// final JSON line carries the figures, the CPU split and the baseline with its ratio.
/// </summary>
public sealed class DayBenchTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ASmallDayStoresEveryRecordOnceAndEndsWithItsFigures(string store)
    {
        var output = new StringWriter();

        var exit = await DayBenchCommand.RunAsync(new DayBenchOptions("embedded", store, 50, 2, Minutes: 1.0 / 3),
            store == "postgres" ? TestEnvironment.PostgresConnectionString : null, output, CancellationToken.None);

        Assert.True(exit == 0, output.ToString());
        var json = JsonDocument.Parse(output.ToString().Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(("embedded", store, 50, 2), (json.GetProperty("broker").GetString(), json.GetProperty("store").GetString(),
            json.GetProperty("terminals").GetInt32(), json.GetProperty("processes").GetInt32()));
        // 50 terminals tapping every 4 s at peak over a 20 s day: one or two taps each, a batch for each terminal that tapped.
        var tx = json.GetProperty("tx").GetInt32();
        Assert.InRange(tx, 10, 1_000);
        Assert.InRange(json.GetProperty("batches").GetInt32(), 10, tx);
        Assert.Equal(0, json.GetProperty("lost").GetInt32());
        Assert.Equal(0, json.GetProperty("duplicated").GetInt32());
        Assert.Equal(0, json.GetProperty("unexpected").GetInt32());
        Assert.Equal(0, json.GetProperty("brokerDrops").GetInt64());
        Assert.True(json.GetProperty("resends").GetInt32() >= 0);
        Assert.True(json.GetProperty("peakTxPerSec").GetDouble() > 0);
        Assert.InRange(json.GetProperty("ackP50Ms").GetDouble(), 0.01, json.GetProperty("ackP99Ms").GetDouble());
        var cpu = json.GetProperty("cpuSecondsPerMillionTx");
        Assert.True(cpu.GetProperty("backend").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, cpu.GetProperty("broker").ValueKind);
        Assert.True(json.GetProperty("backendPeakMemoryMb").GetDouble() > 10);
        Assert.True(json.GetProperty("baselineTxPerSec").GetDouble() > 0);
        // A small day peaks at a few records a second against a bulk path of many thousands: a small ratio, not 0.
        Assert.InRange(json.GetProperty("ratio").GetDouble(), 0.000001, 1000);
    }

    [Fact]
    public async Task MoreThanTenThousandTerminalsIsRefused()
    {
        var output = new StringWriter();
        Assert.Equal(2, await DayBenchCommand.RunAsync(new DayBenchOptions("embedded", "sqlite", 10_001, 2, 3), null, output, CancellationToken.None));
        Assert.Contains("--terminals must be 1 to 10,000", output.ToString());
    }
}
