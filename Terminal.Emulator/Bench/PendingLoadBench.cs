using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Loads;
using Terminal.Simulation.Flash;

namespace Terminal.Emulator.Bench;

/// <summary>
/// `bench loads`: the terminal's pending-load list on simulated flash (docs/pending-loads.md): the file and RAM it
/// takes, the bytes one delta rewrites, and the flash reads and host time of a lookup, next to a blacklist lookup over
/// the same number of card UIDs in the same run (the baseline: the tap already pays for that one).
/// </summary>
public static class PendingLoadBench
{
    private const int DeltaChanges = 20;

    public static Command CreateCommand()
    {
        var loads = new Option<int>("--loads") { Description = "Pending loads on the list.", DefaultValueFactory = _ => 5_000 };
        var lookups = new Option<int>("--lookups") { Description = "Lookups to measure (half of them for listed cards).", DefaultValueFactory = _ => 20_000 };
        var command = new Command("loads", "Flash and RAM of the pending-load list, and its lookup cost against a blacklist lookup.") { loads, lookups };
        command.SetAction(parseResult => Run(parseResult.GetValue(loads), parseResult.GetValue(lookups), Console.Out));
        return command;
    }

    public static int Run(int loadCount, int lookupCount, TextWriter output)
    {
        if (loadCount < 1 || loadCount > PendingLoadList.MaxEntries || lookupCount < 2)
        {
            output.WriteLine($"--loads must be 1..{PendingLoadList.MaxEntries} and --lookups at least 2.");
            return 2;
        }

        var random = new Random(11);
        var cards = Enumerable.Range(0, loadCount).Select(_ => RandomUid(random)).ToArray();
        var strangers = Enumerable.Range(0, lookupCount / 2).Select(_ => RandomUid(random)).ToArray();

        var flash = new SimulatedFlash();
        var list = new PendingLoadList(flash);
        var entries = new PendingLoadChanges();
        var blacklisted = new BlacklistChanges();
        foreach (var uid in cards)
        {
            entries.Add(uid, 0, uid.Length, 1, 1000);
            blacklisted.List(BlacklistKind.Uid7, uid, 0, 1);
        }

        if (list.LoadSnapshot(1, entries) != PendingLoadStatus.Ok)
        {
            output.WriteLine("The list refused the snapshot.");
            return 1;
        }

        var delta = new PendingLoadChanges();
        for (var i = 0; i < DeltaChanges; i++)
        {
            var uid = i % 2 == 0 ? cards[i] : RandomUid(random);
            if (i % 4 == 0)
            {
                delta.Remove(uid, 0, uid.Length);
            }
            else
            {
                delta.Add(uid, 0, uid.Length, 2, 500);
            }
        }

        var beforeDelta = flash.Statistics;
        list.ApplyDelta(1, delta);
        var deltaCost = flash.Statistics - beforeDelta;

        var blacklistFlash = new SimulatedFlash();
        var blacklist = new BlacklistStore(blacklistFlash);
        blacklist.LoadSnapshot(1, blacklisted);

        var probes = Enumerable.Range(0, lookupCount).Select(i => i % 2 == 0 ? cards[i / 2 % cards.Length] : strangers[i / 2]).ToArray();
        var load = new PendingLoad();
        var (loadReads, loadBytes, loadMicros, found) = Measure(flash, probes, uid =>
        {
            list.Lookup(uid, 0, uid.Length, load);
            return load.Found;
        });
        var (blacklistReads, blacklistBytes, blacklistMicros, _) = Measure(blacklistFlash, probes, uid => blacklist.LookupCard(uid, 0, uid.Length).IsListed);

        var result = new PendingLoadBenchResult(
            loadCount,
            lookupCount,
            flash.Length(PendingLoadList.FileName),
            list.RamBytes,
            DeltaChanges,
            deltaCost.BytesWritten,
            Math.Round((double)loadReads / lookupCount, 3),
            Math.Round((double)loadBytes / lookupCount, 1),
            Math.Round(loadMicros / lookupCount, 3),
            found,
            Math.Round((double)blacklistReads / lookupCount, 3),
            Math.Round((double)blacklistBytes / lookupCount, 1),
            Math.Round(blacklistMicros / lookupCount, 3));
        output.WriteLine($"loads: {loadCount} on a {result.FileBytes}-byte file, {result.FlashReadsPerLookup} flash reads per lookup against {result.BaselineBlacklistFlashReadsPerLookup} for the blacklist");
        output.WriteLine(JsonSerializer.Serialize(result, BenchJson.Options));
        return result.FlashReadsPerLookup <= 1 ? 0 : 1;
    }

    private static (long Reads, long Bytes, double Micros, int Hits) Measure(SimulatedFlash flash, byte[][] probes, Func<byte[], bool> lookup)
    {
        foreach (var uid in probes.Take(64))
        {
            lookup(uid);
        }

        var before = flash.Statistics;
        var clock = Stopwatch.StartNew();
        var hits = probes.Count(lookup);
        clock.Stop();
        var cost = flash.Statistics - before;
        return (cost.Reads, cost.BytesRead, clock.Elapsed.TotalMicroseconds, hits);
    }

    private static byte[] RandomUid(Random random)
    {
        var uid = new byte[7];
        random.NextBytes(uid);
        uid[0] = 0x04;
        return uid;
    }
}

/// <summary>The figures of `bench loads`; the baseline fields are the blacklist's lookup over the same UIDs in the same run.</summary>
public sealed record PendingLoadBenchResult(
    int Loads,
    int Lookups,
    int FileBytes,
    int RamBytes,
    int DeltaChanges,
    long DeltaBytesWritten,
    double FlashReadsPerLookup,
    double FlashBytesPerLookup,
    double HostUsPerLookup,
    int Found,
    double BaselineBlacklistFlashReadsPerLookup,
    double BaselineBlacklistFlashBytesPerLookup,
    double BaselineBlacklistHostUsPerLookup);
