using System.CommandLine;
using System.Text.Json;
using Terminal.Emulator.Bench;

namespace Terminal.Emulator.Fuzz;

/// <summary>
/// `fuzz`: a seeded mutation fuzzer over every parser that takes outside bytes (docs/security.md, "Fuzzing").
/// Each target starts from valid inputs, is fed mutations of them for its share of the time, and a crash is any
/// exception, any input running past the hang limit, or a round trip that differs. Findings are saved with the
/// seed and input number that regenerate them; exits non-zero when there is any.
/// </summary>
public static class FuzzCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = $"A target ({string.Join(", ", FuzzTargets.All().Select(t => t.Name))}) or all.", DefaultValueFactory = _ => "all" };
        var seconds = new Option<double>("--seconds") { Description = "Time budget, shared evenly by the targets.", DefaultValueFactory = _ => 60 };
        var seed = new Option<int>("--seed") { Description = "Seed of the mutations; the same seed tries the same inputs.", DefaultValueFactory = _ => 1 };
        var corpus = new Option<string?>("--corpus") { Description = "A folder with one sub-folder of extra seed inputs per target." };
        var crashes = new Option<string>("--crashes") { Description = "Where findings are saved.", DefaultValueFactory = _ => "fuzz-crashes" };
        var command = new Command("fuzz", "Mutation-fuzzes every firmware codec and parser and the backend's ingest decoders.") { target, seconds, seed, corpus, crashes };
        command.SetAction(parseResult =>
        {
            var name = parseResult.GetValue(target)!;
            var targets = FuzzTargets.All().Where(t => name == "all" || t.Name == name).ToArray();
            if (targets.Length == 0)
            {
                Console.Error.WriteLine($"fuzz: no target '{name}'");
                return 2;
            }

            return Run(name, targets, parseResult.GetValue(seconds), parseResult.GetValue(seed), parseResult.GetValue(corpus), parseResult.GetValue(crashes)!, Console.Out);
        });
        return command;
    }

    public static int Run(string name, IReadOnlyList<IFuzzTarget> targets, double seconds, int seed, string? corpus, string crashDirectory, TextWriter output)
    {
        var share = TimeSpan.FromSeconds(seconds / targets.Count);
        var results = new List<FuzzTargetResult>();
        foreach (var target in targets)
        {
            var result = new FuzzRunner(target, FuzzCorpus.For(target, corpus), seed).Run(share, long.MaxValue);
            foreach (var finding in result.Findings)
            {
                FuzzCrashStore.Save(crashDirectory, finding);
            }

            output.WriteLine($"fuzz {target.Name}: {result.Inputs} inputs in {result.Seconds:F1} s, {result.Crashes} crashes, {result.Hangs} hangs");
            results.Add(result);
        }

        var total = results.Sum(r => r.Seconds);
        var summary = new FuzzSummary(name, targets.Count, results.Sum(r => r.Inputs), Math.Round(total, 1), results.Sum(r => r.Crashes), results.Sum(r => r.Hangs),
            (long)(results.Sum(r => r.Inputs) / Math.Max(total, 0.001)));
        if (summary.Crashes + summary.Hangs > 0)
        {
            output.WriteLine($"fuzz: findings saved in {Path.GetFullPath(crashDirectory)}");
        }

        output.WriteLine(JsonSerializer.Serialize(summary, BenchJson.Options));
        return summary.Crashes + summary.Hangs == 0 ? 0 : 1;
    }
}
