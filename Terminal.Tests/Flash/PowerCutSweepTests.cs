using Terminal.Simulation.Flash;
using Xunit;

namespace Terminal.Tests.Flash;

/// <summary>The sweep visits every write at every position and hands back a flash holding what survived.</summary>
public sealed class PowerCutSweepTests
{
    private static readonly byte[] Record = [1, 2, 3, 4, 5, 6];

    private static SimulatedFlash Prepared()
    {
        var flash = new SimulatedFlash();
        flash.Replace("manifest", [0], 0, 1);
        return flash;
    }

    private static void AppendThenCommit(SimulatedFlash flash)
    {
        flash.Append("log", Record, 0, Record.Length);
        flash.Replace("manifest", [1], 0, 1);
    }

    [Fact]
    public void VisitsEveryPositionOfEveryWriteAndSeesOnlyStatesTheModelAllows()
    {
        var seen = new List<(long Write, int Position)>();
        int cuts = PowerCutSweep.Run(Prepared, AppendThenCommit, (flash, write, position) =>
        {
            seen.Add((write.Ordinal, position));
            var log = flash.Peek("log") ?? [];
            byte manifest = flash.Peek("manifest")![0];
            if (write.Kind == FlashWriteKind.Append)
            {
                Assert.Equal(Record.Take(position), log);
                Assert.Equal(0, manifest);
            }
            else
            {
                Assert.Equal(Record, log);
                Assert.Equal(ReplaceCut.Committed(write, position) ? 1 : 0, manifest);
            }
        });

        // The replace of the manifest: its 1-byte copy, the rename to ".new", the delete of the old, the rename into place.
        Assert.Equal(Record.Length + 1 + (4 * 2), cuts);
        Assert.Equal(cuts, seen.Distinct().Count());
    }

    [Fact]
    public void SamplesLongWritesButKeepsBothEnds()
    {
        var big = new byte[1000];
        var positions = new List<int>();
        int cuts = PowerCutSweep.Run(
            () => new SimulatedFlash(),
            flash => flash.Append("big", big, 0, big.Length),
            (flash, _, position) =>
            {
                positions.Add(position);
                Assert.Equal(position, flash.Length("big") is -1 ? 0 : flash.Length("big"));
            },
            maxPositionsPerWrite: 10);

        Assert.Equal(10, cuts);
        Assert.Contains(0, positions);
        Assert.Contains(1000, positions);
        Assert.Equal(10, positions.Distinct().Count());
    }

    [Fact]
    public void RefusesAnOperationThatDoesNotReplayTheSameWrites()
    {
        int runs = 0;
        Assert.Throws<InvalidOperationException>(() => PowerCutSweep.Run(
            () => new SimulatedFlash(),
            flash =>
            {
                if (runs++ == 0)
                {
                    flash.Append("a", Record, 0, 1);
                }
            },
            (_, _, _) => { }));
    }
}
