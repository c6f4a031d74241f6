using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Terminal.Emulator.Replay;
using Terminal.Firmware.Tap;
using Terminal.NanoReplay;
using Terminal.NanoReplay.Replay;

namespace Terminal.Emulator.Bench;

/// <summary>
/// `bench device`: whole runs of the firmware (boot, card taps, a QR scan, a blacklist delta, a fare table) recorded on
/// the host board, replayed on .NET 10 in this process (the baseline) and on the real nanoFramework interpreter by
/// scripts/nano-replay.sh, with the ESP32 estimate: interpreter time × a published speed factor (an estimate, not a
/// measurement), plus the tap's RF air time and SPI clock time.
/// </summary>
public static partial class DeviceBenchCommand
{
    /// <summary>Published ESP32 speed of an interpreted loop against this host's (nanoframework/Home#1013): PSRAM build, and the slower non-PSRAM build.</summary>
    public const int Esp32Factor = 56;
    public const int Esp32FactorSlow = 170;

    /// <summary>The design's SPI clock to the MFRC522 (Terminal.Firmware/Device/Board/Pins.cs).</summary>
    public const double SpiClockHz = 5_000_000;

    /// <summary>A call into native code on this host's nanoCLR (../shared/nanoclr/README.md), the interpreter's cost of one native HMAC call.</summary>
    public const double NativeCallMicroseconds = 0.1;

    private const int DotnetPasses = 20;
    private const double TicksPerMillisecond = 10_000;

    public static Command CreateCommand()
    {
        var command = new Command("device", "Firmware runs recorded here and replayed on nanoCLR: interpreter time, heap, ESP32 estimate.");
        command.SetAction(_ => Run(Console.Out));
        return command;
    }

    public static int Run(TextWriter output)
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
        var recorded = ReplayRecorder.Record();
        var script = new ReplayScript(recorded.Script);
        var dotnet = new ReplayRunner(script, new RuntimeHeapGauge());
        if (!dotnet.Run(DotnetPasses))
        {
            output.WriteLine($"bench device: the replay on .NET does not match its own recording: {dotnet.Failure}");
            return 1;
        }

        var dotnetAppendTicks = dotnet.TimeJournalAppends(200);
        var root = RepositoryRoot();
        var source = Path.Combine(root, "artifacts", "nano", "replay", "RecordedRuns.cs");
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        File.WriteAllText(source, ReplayScriptSource.For(recorded.Script));
        output.WriteLine($"bench device: recorded {recorded.Phases.Count} phases, {recorded.Script.Length} script bytes ({source}); load average {load}");

        var (exit, log) = RunNanoReplay(root, source);
        if (log.Contains("nano: not run", StringComparison.Ordinal))
        {
            output.WriteLine(log.Trim());
            output.WriteLine("bench device: replayed on .NET only; the nanoFramework kits are needed for the interpreter figures");
            return 0;
        }

        var nano = NanoFigures.Parse(log, recorded.Phases.Count);
        if (exit != 0 || nano is null)
        {
            output.WriteLine(log.Trim());
            output.WriteLine("bench device: FAILED: the replay on nanoCLR did not match the recording");
            return 1;
        }

        var result = Figures(recorded, dotnet, dotnetAppendTicks, nano, load);
        foreach (var (phase, i) in recorded.Phases.Select((p, i) => (p, i)))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{phase.Label,-22} nanoCLR {nano.PhaseTicks[i] / TicksPerMillisecond,9:0.000} ms   .NET 10 {dotnet.PhaseTicks[i] / TicksPerMillisecond,8:0.000} ms   air {phase.AirMicroseconds / 1000,6:0.00} ms   SPI {phase.SpiBytes,5} B   HMAC {nano.PhaseHashCalls[i],3} ({nano.PhaseHashTicks[i] / TicksPerMillisecond:0.000} ms)   journal +{phase.JournalRecords}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"card tap: ESP32 estimate {result.TapEsp32EstimateMs} ms (x{Esp32Factor}; {result.TapEsp32EstimateSlowMs} ms at x{Esp32FactorSlow}) against 100 ms ({result.TapEsp32NativeHmacEstimateMs} ms with its {result.TapHmacCalls} HMACs native); QR {result.QrEsp32EstimateMs} ms against 250 ms; boot {result.BootEsp32EstimateMs} ms against 3000 ms"));
        output.WriteLine(JsonSerializer.Serialize(result, BenchJson.Options));
        return 0;
    }

    private static DeviceBenchResult Figures(RecordedRuns recorded, ReplayRunner dotnet, long dotnetAppendTicks, NanoFigures nano, string load)
    {
        var phases = recorded.Phases;
        int[] taps = Indexes(phases, p => p.Kind == ReplayPhaseKind.CardTap && p.Outcome == (int)TapOutcome.Accepted);
        int[] idle = Indexes(phases, p => p.Kind == ReplayPhaseKind.CardTap && p.Outcome == (int)TapOutcome.NoCard);
        int qr = Indexes(phases, p => p.Kind == ReplayPhaseKind.QrScan).Single();
        int blacklist = Indexes(phases, p => p.Label == "blacklist delta").Single();
        int fares = Indexes(phases, p => p.Label == "fare table").Single();
        double Ms(long[] ticks, int[] at) => at.Average(i => ticks[i]) / TicksPerMillisecond;
        double SpiMs(int[] at) => at.Average(i => phases[i].SpiBytes) * 8 / SpiClockHz * 1000;
        var tapMs = Ms(nano.PhaseTicks, taps);
        var airMs = taps.Average(i => phases[i].AirMicroseconds) / 1000;
        var tapSpiMs = SpiMs(taps);
        var hmacCalls = taps.Average(i => nano.PhaseHashCalls[i]);
        var hmacMs = Ms(nano.PhaseHashTicks, taps);
        var qrMs = nano.PhaseTicks[qr] / TicksPerMillisecond;
        var bootMs = nano.PhaseTicks[0] / TicksPerMillisecond;
        var bootSpiMs = SpiMs([0]);
        return new DeviceBenchResult(
            TapInterpreterMs: R(tapMs),
            TapDotnetMs: R(Ms(dotnet.PhaseTicks, taps)),
            TapAirMs: R(airMs),
            TapSpiMs: R(tapSpiMs),
            TapSpiBytes: (long)taps.Average(i => phases[i].SpiBytes),
            TapEsp32EstimateMs: R(tapMs * Esp32Factor + airMs + tapSpiMs, 1),
            TapEsp32EstimateSlowMs: R(tapMs * Esp32FactorSlow + airMs + tapSpiMs, 1),
            TapHmacCalls: R(hmacCalls, 1),
            TapHmacInterpreterMs: R(hmacMs),
            TapEsp32NativeHmacEstimateMs: R((tapMs - hmacMs + hmacCalls * NativeCallMicroseconds / 1000) * Esp32Factor + airMs + tapSpiMs, 1),
            IdlePollInterpreterMs: R(Ms(nano.PhaseTicks, idle)),
            QrInterpreterMs: R(qrMs),
            QrDotnetMs: R(dotnet.PhaseTicks[qr] / TicksPerMillisecond),
            QrEsp32EstimateMs: R(qrMs * Esp32Factor, 1),
            QrEsp32EstimateSlowMs: R(qrMs * Esp32FactorSlow, 1),
            BlacklistDeltaInterpreterMs: R(nano.PhaseTicks[blacklist] / TicksPerMillisecond),
            FareTableUpdateInterpreterMs: R(nano.PhaseTicks[fares] / TicksPerMillisecond),
            JournalAppendInterpreterUs: R(nano.AppendTicks / 10.0 / nano.Appends),
            JournalAppendDotnetUs: R(dotnetAppendTicks / 10.0 / 200),
            BootInterpreterMs: R(bootMs),
            BootDotnetMs: R(dotnet.PhaseTicks[0] / TicksPerMillisecond),
            BootEsp32EstimateMs: R(bootMs * Esp32Factor + bootSpiMs, 1),
            HeapBytes: nano.HeapBytes,
            DotnetHeapBytes: dotnet.HeapBytes,
            SameJournalAsDotnet: nano.Matched && dotnet.Failure is null,
            Esp32Factor: Esp32Factor,
            Esp32FactorSlow: Esp32FactorSlow,
            LoadAverage: double.TryParse(load, CultureInfo.InvariantCulture, out var average) ? average : -1);
    }

    private static double R(double value, int digits = 3) => Math.Round(value, digits);

    private static int[] Indexes(IReadOnlyList<RecordedPhase> phases, Func<RecordedPhase, bool> which) =>
        phases.Select((p, i) => (p, i)).Where(x => which(x.p)).Select(x => x.i).ToArray();

    private static (int Exit, string Log) RunNanoReplay(string root, string source)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "nano-replay.sh"), source])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    /// <summary>The checkout this emulator runs from: the first folder up from the program that holds scripts/nano-replay.sh.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "nano-replay.sh")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("bench device runs from a checkout of the repository (scripts/nano-replay.sh not found above the program).");
    }

    /// <summary>What the replay on nanoCLR printed.</summary>
    private sealed partial record NanoFigures(long[] PhaseTicks, int[] PhaseHashCalls, long[] PhaseHashTicks, long AppendTicks, int Appends, long HeapBytes, bool Matched)
    {
        public static NanoFigures? Parse(string log, int phases)
        {
            if (!log.Contains("\nreplay ok", StringComparison.Ordinal) && !log.StartsWith("replay ok", StringComparison.Ordinal))
            {
                return null;
            }

            var ticks = new long[phases];
            var hashCalls = new int[phases];
            var hashTicks = new long[phases];
            var seen = 0;
            foreach (Match line in PhaseLine().Matches(log))
            {
                var phase = int.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture);
                ticks[phase] = long.Parse(line.Groups[2].Value, CultureInfo.InvariantCulture);
                hashCalls[phase] = int.Parse(line.Groups[3].Value, CultureInfo.InvariantCulture);
                hashTicks[phase] = long.Parse(line.Groups[4].Value, CultureInfo.InvariantCulture);
                seen++;
            }

            var append = AppendLine().Match(log);
            var heap = HeapLine().Match(log);
            return seen != phases || !append.Success || !heap.Success
                ? null
                : new NanoFigures(
                    ticks,
                    hashCalls,
                    hashTicks,
                    long.Parse(append.Groups[2].Value, CultureInfo.InvariantCulture),
                    int.Parse(append.Groups[1].Value, CultureInfo.InvariantCulture),
                    long.Parse(heap.Groups[1].Value, CultureInfo.InvariantCulture),
                    Matched: true);
        }

        [GeneratedRegex(@"^replay phase (\d+) \w+ ticks (\d+) hmac (\d+) hmacTicks (\d+)\r?$", RegexOptions.Multiline)]
        private static partial Regex PhaseLine();

        [GeneratedRegex(@"^replay journalAppend (\d+) ticks (\d+)\r?$", RegexOptions.Multiline)]
        private static partial Regex AppendLine();

        [GeneratedRegex(@"^replay heap (-?\d+)\r?$", RegexOptions.Multiline)]
        private static partial Regex HeapLine();
    }
}

/// <summary>
/// The figures of `bench device`. ...InterpreterMs: nanoCLR on this host; ...Esp32EstimateMs: that × esp32Factor (an
/// estimate), the tap's plus its RF air time and SPI clock time; tapHmac...: the tap's HMAC-SHA256 calls and their interpreted
/// time, and tapEsp32NativeHmacEstimateMs the tap with those calls native (mbedTLS's own time not included); heapBytes: the managed heap the booted terminal holds
/// on nanoCLR after its phases; sameJournalAsDotnet: every replayed phase gave the outcome and journal bytes of .NET.
/// </summary>
public sealed record DeviceBenchResult(
    double TapInterpreterMs,
    double TapDotnetMs,
    double TapAirMs,
    double TapSpiMs,
    long TapSpiBytes,
    double TapEsp32EstimateMs,
    double TapEsp32EstimateSlowMs,
    double TapHmacCalls,
    double TapHmacInterpreterMs,
    double TapEsp32NativeHmacEstimateMs,
    double IdlePollInterpreterMs,
    double QrInterpreterMs,
    double QrDotnetMs,
    double QrEsp32EstimateMs,
    double QrEsp32EstimateSlowMs,
    double BlacklistDeltaInterpreterMs,
    double FareTableUpdateInterpreterMs,
    double JournalAppendInterpreterUs,
    double JournalAppendDotnetUs,
    double BootInterpreterMs,
    double BootDotnetMs,
    double BootEsp32EstimateMs,
    long HeapBytes,
    long DotnetHeapBytes,
    bool SameJournalAsDotnet,
    int Esp32Factor,
    int Esp32FactorSlow,
    double LoadAverage);
