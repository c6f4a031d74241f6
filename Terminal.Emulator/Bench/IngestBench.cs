using System.Diagnostics;
using System.Text.Json;
using Terminal.Drivers.Hal;
using Terminal.Emulator.Board;
using Terminal.Emulator.Fleet;
using Terminal.Emulator.Uplink;

namespace Terminal.Emulator.Bench;

/// <summary>
/// What `bench ingest` needs from its backend: the fleet's view of it, the bulk baseline on a fresh database of the
/// same kind, and the count of messages its broker has dropped so far.
/// </summary>
public sealed record IngestBenchBackend(FleetBackend Backend, Func<IReadOnlyList<StoredRecord>, CancellationToken, Task<TimeSpan>> Baseline, Func<long> BrokerDrops);

/// <summary>
/// `bench ingest`: terminals whose real journals hold pre-filled valid records upload them at once through the
/// real sync agent and MQTT link to the backend, which commits and acks each batch. Measures records stored and
/// acknowledged per second and the publish-to-ack time of the batches, checks the database against the journals
/// (lost, duplicated), then times the same rows written straight into a fresh database by the store's bulk path.
/// </summary>
public static class IngestBench
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(15);
    private const int ConnectingAtOnce = 64;
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Terminals beyond the measured ones (ids after them, provisioned with them) that upload first and are left out
    /// of every figure: the baseline runs after the upload, on code and a database the upload warmed, so the upload
    /// must not pay alone for the JIT (on 2 cores its background compiler took 0.4 of the 1.6 cores a cold upload got).
    /// </summary>
    private const int MaxWarmupTerminals = 64;

    /// <summary>As many records as the measured upload, at most this many: enough for the tiering compiler to settle on 2 cores.</summary>
    private const int MaxWarmupRecords = 131_072;

    /// <summary>How many warm-up terminals a run of <paramref name="terminalCount"/> terminals adds (ids after theirs).</summary>
    public static int WarmupTerminalsFor(int terminalCount) => Math.Min(terminalCount, MaxWarmupTerminals);

    public static async Task<int> RunAsync(string store, int terminalCount, int tx, IngestBenchBackend host, TextWriter output, CancellationToken cancellation = default)
    {
        if (terminalCount < 1 || tx < terminalCount)
        {
            output.WriteLine("--terminals must be at least 1 and --tx at least --terminals.");
            return 2;
        }

        var backend = host.Backend;
        var clock = new HostClock();
        await WarmUpAsync(backend, terminalCount, Math.Min(tx, MaxWarmupRecords), clock, cancellation);
        var terminals = Enumerable.Range(1, terminalCount).Select(n => new IngestBenchTerminal(
            (uint)n, (tx / terminalCount) + (n <= tx % terminalCount ? 1 : 0),
            MqttUplinkSettings.ForTerminal(backend.BrokerHost, backend.BrokerPort, (uint)n, backend.PasswordFor((uint)n)), clock)).ToArray();
        try
        {
            var connecting = Stopwatch.StartNew();
            await Parallel.ForEachAsync(terminals, new ParallelOptions { MaxDegreeOfParallelism = ConnectingAtOnce, CancellationToken = cancellation }, async (terminal, _) =>
                await terminal.ConnectAsync());
            var connectSeconds = connecting.Elapsed.TotalSeconds;
            var connected = terminals.Count(t => t.IsConnected);
            output.WriteLine($"bench ingest: {connected} of {terminalCount} terminals connected in {connectSeconds:0.0} s; uploading {tx:N0} records to {store}");

            var dropsBefore = host.BrokerDrops();
            var ingesting = Stopwatch.StartNew();
            var finished = Upload(terminals, output, cancellation);
            var ingestSeconds = ingesting.Elapsed.TotalSeconds;
            var brokerDrops = host.BrokerDrops() - dropsBefore;
            if (!finished)
            {
                output.WriteLine($"not every journal was acknowledged within {Deadline.TotalMinutes} min: {terminals.Count(t => !t.Done)} terminals still waiting");
            }

            var journaled = terminals.ToDictionary(t => t.TerminalId, t => t.Ledger.Snapshot());
            var stored = (await backend.ReadStored(cancellation)).Where(r => r.TerminalId <= terminalCount).ToList();
            var tally = FleetTally.Compare(journaled, stored);
            var rows = journaled.SelectMany(j => j.Value.Select(r => new StoredRecord(j.Key, r.Key, r.Value))).ToList();
            var baselineSeconds = (await host.Baseline(rows, cancellation)).TotalSeconds;

            var latencies = terminals.SelectMany(t => t.AckMilliseconds).Order().ToArray();
            var txPerSec = tally.Journaled / ingestSeconds;
            var baselineTxPerSec = rows.Count / baselineSeconds;
            var result = new IngestBenchResult(
                store, terminalCount, tally.Journaled, Math.Round(connectSeconds, 2), Math.Round(ingestSeconds, 2), Math.Round(txPerSec),
                Math.Round(Percentile(latencies, 0.50), 1), Math.Round(Percentile(latencies, 0.99), 1), terminals.Sum(t => t.Sync.BatchesSent),
                Math.Round(baselineTxPerSec), Math.Round(txPerSec / baselineTxPerSec, 3), tally.Lost, tally.Duplicated, tally.Mismatched + tally.Unexpected, brokerDrops);
            output.WriteLine($"bench ingest: {tally.Journaled:N0} records stored and acknowledged in {ingestSeconds:0.0} s ({txPerSec:N0}/s, ack p50 {result.AckP50Ms} ms, p99 {result.AckP99Ms} ms); "
                + $"bulk baseline {baselineTxPerSec:N0}/s; lost {tally.Lost}, duplicated {tally.Duplicated}; the broker dropped {brokerDrops} messages");
            output.WriteLine(JsonSerializer.Serialize(result, BenchJson.Options));
            return finished && tally.IsExact ? 0 : 1;
        }
        finally
        {
            Parallel.ForEach(terminals, terminal => terminal.Dispose());
        }
    }

    /// <summary>The warm-up terminals upload their journals through the same path, untimed.</summary>
    private static async Task WarmUpAsync(FleetBackend backend, int terminalCount, int records, IClock clock, CancellationToken cancellation)
    {
        var count = WarmupTerminalsFor(terminalCount);
        var warmup = Enumerable.Range(terminalCount + 1, count).Select(n => new IngestBenchTerminal(
            (uint)n, records / count, MqttUplinkSettings.ForTerminal(backend.BrokerHost, backend.BrokerPort, (uint)n, backend.PasswordFor((uint)n)), clock)).ToArray();
        try
        {
            await Task.WhenAll(warmup.Select(terminal => terminal.ConnectAsync()));
            Upload(warmup, TextWriter.Null, cancellation);
        }
        finally
        {
            Parallel.ForEach(warmup, terminal => terminal.Dispose());
        }
    }

    /// <summary>Steps every terminal's sync agent from one worker per core until each journal is acknowledged; false at the deadline.</summary>
    private static bool Upload(IngestBenchTerminal[] terminals, TextWriter output, CancellationToken cancellation)
    {
        var until = Stopwatch.StartNew();
        var workers = Environment.ProcessorCount;
        var threads = Enumerable.Range(0, workers).Select(w => new Thread(() =>
        {
            var mine = terminals.Where((_, i) => i % workers == w).ToArray();
            while (!cancellation.IsCancellationRequested && until.Elapsed < Deadline)
            {
                var pending = 0;
                foreach (var terminal in mine)
                {
                    if (!terminal.Done)
                    {
                        terminal.Sync.Step();
                        pending++;
                    }
                }

                if (pending == 0)
                {
                    return;
                }

                Thread.Sleep(1);
            }
        }) { IsBackground = true, Name = $"bench worker {w + 1}" }).ToList();
        threads.ForEach(t => t.Start());
        while (!threads[0].Join(ProgressEvery))
        {
            output.WriteLine($"  {until.Elapsed.TotalSeconds:0} s: {terminals.Count(t => t.Done)} of {terminals.Length} terminals done, {terminals.Sum(t => (long)t.Journal.AcknowledgedUpTo):N0} records acknowledged");
        }

        threads.ForEach(t => t.Join());
        return terminals.All(t => t.Done);
    }

    /// <summary>The value at <paramref name="quantile"/> of ascending <paramref name="sorted"/> (nearest rank); 0 when empty.</summary>
    internal static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
