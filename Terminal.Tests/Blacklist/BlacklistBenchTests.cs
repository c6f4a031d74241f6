using System.Text.Json;
using Terminal.Emulator;
using Terminal.Emulator.Bench;
using Xunit;

namespace Terminal.Tests.Blacklist;

/// <summary>`bench blacklist` measures a real store and ends with one JSON line of its figures.</summary>
public sealed class BlacklistBenchTests
{
    [Fact]
    public void ASmallRunAnswersEverythingRightAndEndsWithTheFiguresAsJson()
    {
        var output = new StringWriter();

        int exitCode = BlacklistBench.Run(3_000, 2_000, seed: 4, output);

        Assert.Equal(0, exitCode);
        var lines = output.ToString().TrimEnd().Split('\n');
        var figures = JsonDocument.Parse(lines[^1]).RootElement;
        Assert.Equal(3_000, figures.GetProperty("entries").GetInt32());
        Assert.Equal(0, figures.GetProperty("errors").GetInt32());
        Assert.Equal(1.0, figures.GetProperty("flashReadsPerLookup").GetDouble());
        Assert.Equal(2, figures.GetProperty("maxFlashReadsPerLookupWithOverlay").GetInt64());
        Assert.InRange(figures.GetProperty("ramBytes").GetInt32(), 1, 8 * 1024);
        Assert.InRange(figures.GetProperty("bytesOnFlash").GetInt32(), 3_000 * 3, 3_000 * 12);
        Assert.True(figures.GetProperty("lookupsPerSec").GetDouble() > 0);
        Assert.True(figures.GetProperty("ratio").GetDouble() > 0);
    }

    [Fact]
    public void TheBenchCommandHasTheBlacklistSubcommandAndRefusesBadCounts()
    {
        var root = EmulatorCommands.Build();

        var parsed = root.Parse(["bench", "blacklist", "--entries", "0"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal(2, parsed.Invoke());
        Assert.Equal("blacklist", parsed.CommandResult.Command.Name);
        Assert.Equal("bench", parsed.CommandResult.Command.Parents.OfType<System.CommandLine.Command>().First().Name);
    }
}
