using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Terminal.Firmware.Blacklist;
using Terminal.Simulation.Flash;

namespace Terminal.Emulator.Bench;

/// <summary>
/// `bench blacklist`: installs a random blacklist of mixed key kinds on a simulated flash, looks up as many
/// listed as unlisted keys, checks every answer, and compares with a host HashSet of the same keys.
/// </summary>
public static class BlacklistBench
{
    private const int DeltaChanges = 1_000;

    public static Command CreateCommand()
    {
        var entries = new Option<int>("--entries") { Description = "How many keys to list.", DefaultValueFactory = _ => 200_000 };
        var lookups = new Option<int>("--lookups") { Description = "How many lookups to time (half listed, half unlisted).", DefaultValueFactory = _ => 200_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random keys.", DefaultValueFactory = _ => 1 };
        var command = new Command("blacklist", "Size, flash reads, RAM and speed of the blacklist store.") { entries, lookups, seed };
        command.SetAction(parseResult => Run(parseResult.GetValue(entries), parseResult.GetValue(lookups), parseResult.GetValue(seed), Console.Out));
        return command;
    }

    /// <summary>Runs the bench, writing a summary line and then the JSON line to <paramref name="output"/>; 0 when every answer was right.</summary>
    public static int Run(int entryCount, int lookupCount, int seed, TextWriter output)
    {
        if (entryCount < 1 || lookupCount < 2)
        {
            output.WriteLine("--entries must be at least 1 and --lookups at least 2.");
            return 2;
        }

        var random = new Random(seed);
        var listed = RandomKeys.Distinct(random, entryCount, []);
        var unlisted = RandomKeys.Distinct(random, lookupCount / 2, listed.Keys);
        var flash = new SimulatedFlash();
        var store = new BlacklistStore(flash);

        var build = Stopwatch.StartNew();
        var status = store.LoadSnapshot(1, RandomKeys.ToChanges(listed));
        build.Stop();
        if (status != BlacklistStatus.Ok)
        {
            output.WriteLine($"Snapshot refused: {status}");
            return 1;
        }

        var probes = listed.Keys.Take(lookupCount - unlisted.Count).Concat(unlisted.Keys).OrderBy(_ => random.Next()).ToArray();
        int errors = CountWrongAnswers(store, probes, listed);
        var before = flash.Statistics;
        var (maxReads, _) = MeasureReads(flash, store, probes);
        var reads = flash.Statistics - before;
        double lookupsPerSec = Time(probes, key => store.Lookup(key.Kind, key.Bytes, 0));

        var baseline = listed.Keys.Select(k => k.Value).ToHashSet();
        var baselineProbes = probes.Select(k => k.Value).ToArray();
        double baselineLookupsPerSec = Time(baselineProbes, value => baseline.Contains(value));

        var delta = RandomKeys.Distinct(random, DeltaChanges, listed.Keys.Concat(unlisted.Keys));
        var apply = Stopwatch.StartNew();
        status = store.ApplyDelta(1, RandomKeys.ToChanges(delta));
        apply.Stop();
        var (maxReadsWithOverlay, meanReadsWithOverlay) = MeasureReads(flash, store, probes);
        errors += status == BlacklistStatus.Ok ? CountWrongAnswers(store, delta.Keys.ToArray(), delta) : 1;

        output.WriteLine($"blacklist: {entryCount} entries in {flash.UsedBytes} bytes, {store.RamBytes} bytes of RAM, {errors} wrong answers");
        var result = new BlacklistBenchResult(
            entryCount,
            flash.UsedBytes,
            Math.Round(flash.UsedBytes * 8.0 / entryCount, 2),
            store.RamBytes,
            Math.Round((double)reads.Reads / probes.Length, 3),
            maxReads,
            Math.Round((double)reads.BytesRead / probes.Length, 1),
            Math.Round(meanReadsWithOverlay, 3),
            maxReadsWithOverlay,
            Math.Round(lookupsPerSec),
            Math.Round(baselineLookupsPerSec),
            Math.Round(lookupsPerSec / baselineLookupsPerSec, 4),
            build.ElapsedMilliseconds,
            apply.ElapsedMilliseconds,
            errors);
        output.WriteLine(JsonSerializer.Serialize(result, JsonOptions));
        return errors == 0 ? 0 : 1;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static int CountWrongAnswers(BlacklistStore store, IEnumerable<RandomKeys.Key> probes, IReadOnlyDictionary<RandomKeys.Key, byte> listed)
    {
        int wrong = 0;
        foreach (var key in probes)
        {
            var verdict = store.Lookup(key.Kind, key.Bytes, 0);
            bool expected = listed.TryGetValue(key, out byte reason);
            if (verdict.IsListed != expected || verdict.Reason != (expected ? reason : 0))
            {
                wrong++;
            }
        }

        return wrong;
    }

    private static (long Max, double Mean) MeasureReads(SimulatedFlash flash, BlacklistStore store, RandomKeys.Key[] probes)
    {
        long max = 0;
        long total = 0;
        foreach (var key in probes)
        {
            long before = flash.Statistics.Reads;
            store.Lookup(key.Kind, key.Bytes, 0);
            long reads = flash.Statistics.Reads - before;
            max = Math.Max(max, reads);
            total += reads;
        }

        return (max, (double)total / probes.Length);
    }

    /// <summary>Lookups per second over the probes, best of three passes after a warm-up.</summary>
    private static double Time<T>(T[] probes, Action<T> lookup)
    {
        double best = 0;
        for (int pass = 0; pass < 4; pass++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var probe in probes)
            {
                lookup(probe);
            }

            clock.Stop();
            if (pass > 0)
            {
                best = Math.Max(best, probes.Length / clock.Elapsed.TotalSeconds);
            }
        }

        return best;
    }
}
