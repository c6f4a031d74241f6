using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Terminal.Emulator.Fleet;

namespace Terminal.Emulator.Bench;

/// <summary>The shape of one `bench day` run.</summary>
public sealed record DayBenchOptions(
    string Broker, string Store, int Terminals, int Processes, double Minutes, double TapSeconds = 4, double BatchSeconds = 5, double StatusSeconds = 60);

/// <summary>
/// What `bench day` needs from its backend: the fleet's view (broker, passwords, stored rows), the downlink versions a
/// caught-up terminal holds, the bulk baseline, the broker's drops so far (null when they cannot be read), and the broker's process when it has one.
/// </summary>
public sealed record DayBenchBackend(
    FleetBackend Fleet,
    (uint FareTable, uint Blacklist, uint Keys) Installed,
    Func<IReadOnlyList<StoredRecord>, CancellationToken, Task<TimeSpan>> Baseline,
    Func<long?> BrokerDrops,
    int? BrokerProcessId);

/// <summary>
/// `bench day`: a service day at city scale. The terminals run in child processes (<see cref="DayBenchTerminals"/>,
/// the emulator started again with the hidden `bench day-terminals`), each holding its share; this process hosts
/// the backend, so its CPU time and peak memory are the backend's. After the day the database is checked against
/// every journal (lost, duplicated), and the same records are written by the store's bulk path as the baseline.
/// </summary>
public static class DayBench
{
    public const string TerminalsCommand = "day-terminals";
    private static readonly TimeSpan Bucket = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(DayBenchOptions options, DayBenchBackend backend, TextWriter output, CancellationToken cancellation)
    {
        var folder = Directory.CreateTempSubdirectory("busfare-day-").FullName;
        var children = new List<(Process Process, string Result, Task<string?> Ready)>();
        try
        {
            var ids = Enumerable.Range(1, options.Terminals).Select(n => (uint)n).ToArray();
            for (var p = 0; p < options.Processes; p++)
            {
                var plan = new DayBenchPlan(backend.Fleet.BrokerHost, backend.Fleet.BrokerPort, options.Minutes, options.TapSeconds, options.BatchSeconds, options.StatusSeconds,
                    backend.Installed.FareTable, backend.Installed.Blacklist, backend.Installed.Keys,
                    ids.Where((_, i) => i % options.Processes == p).Select(id => new DayBenchTerminalLogin(id, backend.Fleet.PasswordFor(id))).ToArray());
                var (planPath, resultPath) = (Path.Combine(folder, $"plan-{p}.json"), Path.Combine(folder, $"result-{p}.bin"));
                plan.Write(planPath);
                var child = Process.Start(SelfStart(["bench", TerminalsCommand, "--plan", planPath, "--result", resultPath]))
                    ?? throw new InvalidOperationException("The terminal process did not start.");
                var prefix = $"  terminals {p + 1}: ";
                child.ErrorDataReceived += (_, line) =>
                {
                    if (line.Data is not null)
                    {
                        output.WriteLine(prefix + line.Data);
                    }
                };
                child.BeginErrorReadLine();
                children.Add((child, resultPath, child.StandardOutput.ReadLineAsync(cancellation).AsTask()));
            }

            var connecting = Stopwatch.StartNew();
            var ready = await Task.WhenAll(children.Select(c => c.Ready));
            var connected = ready.Sum(line => line?.StartsWith(DayBenchTerminals.Ready + " ", StringComparison.Ordinal) == true
                ? int.Parse(line[(DayBenchTerminals.Ready.Length + 1)..], CultureInfo.InvariantCulture) : 0);
            output.WriteLine($"bench day: {connected} of {options.Terminals} terminals connected in {connecting.Elapsed.TotalSeconds:0.0} s from {options.Processes} processes; "
                + $"a {options.Minutes:0.##}-minute day on {options.Broker} + {options.Store}");

            var backendCpu = ProcessUsage.CpuSeconds(Environment.ProcessId);
            var brokerCpu = backend.BrokerProcessId is { } broker ? ProcessUsage.CpuSeconds(broker) : null;
            var drops = backend.BrokerDrops() ?? 0;
            var goUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var child in children)
            {
                await child.Process.StandardInput.WriteLineAsync(DayBenchTerminals.Go);
                await child.Process.StandardInput.FlushAsync(cancellation);
            }

            var running = Task.WhenAll(children.Select(c => c.Process.WaitForExitAsync(cancellation)));
            while (await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(15), cancellation)) != running)
            {
                output.WriteLine($"  {(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - goUnixMs) / 1000} s: {(backend.BrokerDrops() is { } dropped ? $"the broker dropped {dropped - drops} messages so far" : "running")}");
            }

            await running;
            var backendSeconds = ProcessUsage.CpuSeconds(Environment.ProcessId) - backendCpu;
            var brokerSeconds = backend.BrokerProcessId is { } brokerPid ? ProcessUsage.CpuSeconds(brokerPid) - brokerCpu : null;
            var brokerDrops = backend.BrokerDrops() - drops;
            var drained = children.All(c => c.Process.ExitCode == 0);
            if (!drained)
            {
                output.WriteLine($"bench day: a terminal process ended with {string.Join(", ", children.Select(c => c.Process.ExitCode))} (1: journals not drained {DayBenchTerminals.Drain.TotalSeconds} s after the day)");
            }

            var outcomes = children.Where(c => File.Exists(c.Result)).SelectMany(c => DayBenchOutcome.ReadAll(c.Result)).ToList();
            var journaled = outcomes.ToDictionary(o => o.TerminalId, o => o.Records);
            var stored = (await backend.Fleet.ReadStored(cancellation)).Where(r => r.TerminalId <= options.Terminals).ToList();
            var tally = FleetTally.Compare(journaled, stored);
            var rows = journaled.SelectMany(j => j.Value.Select(r => new StoredRecord(j.Key, r.Key, r.Value))).ToList();
            var baselineTxPerSec = rows.Count / (await backend.Baseline(rows, cancellation)).TotalSeconds;

            var runTime = TimeSpan.FromMinutes(options.Minutes);
            var acks = outcomes.SelectMany(o => o.Acks).ToArray();
            var atPeak = acks.Where(a => ServiceDayLoad.IsPeak(ServiceDayLoad.HourAt(TimeSpan.FromMilliseconds(a.SentUnixMs - goUnixMs), runTime)))
                .Select(a => a.Milliseconds).Order().ToArray();
            var peakTxPerSec = acks.Length == 0 ? 0 : acks
                .GroupBy(a => (long)((a.SentUnixMs + a.Milliseconds - goUnixMs) / Bucket.TotalMilliseconds))
                .Max(bucket => bucket.Sum(a => a.Records)) / Bucket.TotalSeconds;
            var perMillion = 1_000_000.0 / Math.Max(1, tally.Journaled);
            var result = new DayBenchResult(
                options.Broker, options.Store, options.Terminals, options.Processes, options.Minutes, tally.Journaled, Math.Round(peakTxPerSec),
                Math.Round(IngestBench.Percentile(atPeak, 0.50), 1), Math.Round(IngestBench.Percentile(atPeak, 0.99), 1), outcomes.Sum(o => o.BatchesSent), outcomes.Sum(o => o.Resends),
                brokerDrops, tally.Lost, tally.Duplicated, tally.Mismatched + tally.Unexpected,
                new DayBenchCpu(Round(backendSeconds * perMillion), Round(brokerSeconds * perMillion)),
                Round(ProcessUsage.PeakResidentMegabytes(Environment.ProcessId)), Math.Round(baselineTxPerSec), Math.Round(peakTxPerSec / baselineTxPerSec, 6));
            output.WriteLine($"bench day: {tally.Journaled:N0} records from {outcomes.Count} terminals; peak {result.PeakTxPerSec:N0}/s, ack at peak p50 {result.AckP50Ms} ms, p99 {result.AckP99Ms} ms; "
                + $"{result.Resends} resends, {brokerDrops} broker drops, lost {tally.Lost}, duplicated {tally.Duplicated}; bulk baseline {baselineTxPerSec:N0}/s");
            output.WriteLine(JsonSerializer.Serialize(result, BenchJson.Options));
            return drained && tally.IsExact && outcomes.Count == options.Terminals ? 0 : 1;
        }
        finally
        {
            foreach (var child in children)
            {
                if (!child.Process.HasExited)
                {
                    child.Process.Kill();
                }

                child.Process.Dispose();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The emulator started again with <paramref name="arguments"/>: its own assembly through the dotnet host that runs this one.</summary>
    private static ProcessStartInfo SelfStart(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(DayBench).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;
}
