using Terminal.Emulator.Fuzz;
using Xunit;

namespace Terminal.Tests.Fuzz;

/// <summary>
/// The `fuzz` command's targets, each fed a few hundred seeded mutations of its seeds and of the corpus in
/// <c>Terminal.Tests/Fuzz/Corpus</c>: a defect the fuzzer once found that comes back fails here, without a fuzzing run.
/// </summary>
public sealed class FuzzTargetsTests
{
    private const int InputsPerTarget = 300;
    private const int Seed = 1;

    private static readonly string CorpusFolder = Path.Combine(NanoGate.NanoGate.RepositoryRoot, "Terminal.Tests", "Fuzz", "Corpus");

    public static TheoryData<string> TargetNames() => [.. FuzzTargets.All().Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void EveryTargetTakesAFewHundredSeededInputsWithoutACrashOrAHang(string name)
    {
        var target = FuzzTargets.All().Single(t => t.Name == name);

        var result = new FuzzRunner(target, FuzzCorpus.For(target, CorpusFolder), Seed).Run(TimeSpan.FromMinutes(1), InputsPerTarget);

        Assert.True(result.Findings.Count == 0, string.Join("\n\n", result.Findings.Select(f => $"input {f.Index} ({Convert.ToHexString(f.Input)}): {f.What}")));
        Assert.Equal(InputsPerTarget, result.Inputs);
    }

    [Fact]
    public void EveryCorpusFolderNamesATargetAndEveryCorpusInputIsKept()
    {
        var names = FuzzTargets.All().Select(t => t.Name).ToHashSet();
        var folders = Directory.GetDirectories(CorpusFolder);
        Assert.NotEmpty(folders);
        foreach (var folder in folders)
        {
            var name = Path.GetFileName(folder);
            Assert.Contains(name, names);
            var target = FuzzTargets.All().Single(t => t.Name == name);
            Assert.Equal(target.Seeds().Count + Directory.GetFiles(folder).Length, FuzzCorpus.For(target, CorpusFolder).Count);
        }
    }

    [Fact]
    public void AThrowingTargetIsReportedWithTheInputItsSeedAndNumberRegenerate()
    {
        var target = new AlwaysThrowingTarget();
        var seeds = target.Seeds();

        var result = new FuzzRunner(target, seeds, Seed).Run(TimeSpan.FromMinutes(1), InputsPerTarget);

        Assert.Equal(0, result.Hangs);
        Assert.Equal(20, result.Crashes);
        var mutated = result.Findings.Last();
        Assert.Equal(FuzzMutator.Input(seeds, Seed, mutated.Index), mutated.Input);
        Assert.Contains(nameof(InvalidOperationException), mutated.What);
    }

    [Fact]
    public void AnInputRunningPastTheHangLimitIsAHangButTheColdStartOfTheFirstIsNot()
    {
        byte[][] seeds = [[1, 2, 3]];
        var result = new FuzzRunner(new StuckTarget(), seeds, Seed).Run(TimeSpan.FromMinutes(1), InputsPerTarget);

        Assert.Equal(1, result.Hangs);
        Assert.Equal(0, result.Crashes);
        Assert.Equal(1, result.Findings.Single().Index);
        Assert.Equal(FuzzMutator.Input(seeds, Seed, 1), result.Findings.Single().Input);
    }

    private sealed class AlwaysThrowingTarget : IFuzzTarget
    {
        public string Name => "always-throwing";

        public IReadOnlyList<byte[]> Seeds() => [[1, 2, 3, 4], [5, 6, 7, 8]];

        public void Run(byte[] input) => throw new InvalidOperationException($"{input.Length} bytes");
    }

    private sealed class StuckTarget : IFuzzTarget
    {
        public string Name => "stuck";

        public IReadOnlyList<byte[]> Seeds() => [[1, 2, 3]];

        public void Run(byte[] input) => Thread.Sleep(FuzzRunner.HangLimit * 3);
    }
}
