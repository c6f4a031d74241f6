using Terminal.Emulator.Fleet;
using Xunit;

namespace Backend.Tests.Fleet;

/// <summary>The main job: the real backend hosted in-process on embedded defaults and a small fleet through a compressed day.</summary>
public sealed class FleetCommandTests
{
    [Fact]
    public async Task TheMainJobPrintsTheWebAddressSurvivesItsFaultsAndEndsWithAnExactTally()
    {
        var output = new StringWriter();

        var exit = await FleetCommand.RunAsync(2, 0.15, 40, 3, null, false, new StringReader(""), output, CancellationToken.None);

        var text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.Matches(@"Backend on embedded defaults: http://127\.0\.0\.1:\d+/ ", text);
        Assert.Matches(@"Sign in at http://127\.0\.0\.1:\d+/ as fleet-admin with the one-time password [A-Za-z0-9_-]{24} ", text);
        Assert.Contains("bus 2: network cut", text);
        Assert.Contains("broker: running again", text);
        Assert.Contains("bus 2: power cycled", text);
        Assert.Matches(@"tally: \d+ records journaled, \d+ stored; lost 0, duplicated 0, mismatched 0, unexpected 0", text);
        Assert.Matches(@"books: ledger sums to 0 over \d+ transfers; \d+ cards read at the desk, 0 off their ledger; 0 records posted twice", text);
        using var json = System.Text.Json.JsonDocument.Parse(text.TrimEnd().Split('\n')[^1]);
        Assert.Equal(0, json.RootElement.GetProperty("lost").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("ledgerImbalance").GetInt64());
    }

    [Fact]
    public async Task ABadScheduleIsRefusedBeforeAnythingStarts()
    {
        var output = new StringWriter();
        Assert.Equal(2, await FleetCommand.RunAsync(2, 1, 10, 1, "10:cut 7", false, new StringReader(""), output, CancellationToken.None));
        Assert.Contains("--schedule: schedule entry '10:cut 7'", output.ToString());
    }
}
