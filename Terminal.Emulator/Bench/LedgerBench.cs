using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Backend.Ingest.Hosting;
using Backend.Ingest.Identity;
using Backend.Ingest.Ledger;
using Backend.Ingest.Storage;
using Terminal.Emulator.Fleet;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Terminal.Emulator.Bench;

/// <summary>
/// `bench ledger`: the system of record at city size. A month of journal records (<see cref="CityDay"/>) goes through
/// the ingest store's group commit, which posts every record to the ledger in the same transaction; the first
/// (up to 500,000) are timed against as many records that post nothing (card refusals of the same shape: ingest
/// alone) into a fresh database by the same group commit. The rest loads untimed; then the real backend, started on the loaded
/// database, answers card histories, card reconciliations and a day's report over HTTP, as the operator's tools ask.
/// </summary>
public static class LedgerBench
{
    private const int MeasuredRowsMax = 500_000;
    private const int HistoryQueries = 1_000;
    private const int HistoryLimit = 50;
    private const int Days = 30;
    private const int Seed = 1;
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string store, long rows, int cards, int terminals, string? postgres, TextWriter output, CancellationToken cancellation)
    {
        var measured = (int)Math.Min(rows, MeasuredRowsMax);
        var firstDay = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 86_400 * 86_400) - (Days * 86_400L);

        double ingestOnly;
        await using (var alone = await ScratchDatabase.CreateAsync(postgres, cancellation))
        await using (var aloneStore = alone.Database.CreateTransactionStore())
        {
            ingestOnly = await LoadAsync(aloneStore, new CityDay(terminals, cards, Days, firstDay, Seed, refusalsOnly: true), measured, null, cancellation);
        }

        await using var loaded = await ScratchDatabase.CreateAsync(postgres, cancellation);
        await using var ledgerStore = loaded.Database.CreateTransactionStore();
        var city = new CityDay(terminals, cards, Days, firstDay, Seed);
        var postings = await LoadAsync(ledgerStore, city, measured, null, cancellation);
        output.WriteLine($"bench ledger: {measured:N0} records with their postings at {postings:N0}/s, ingest alone {ingestOnly:N0}/s; loading to {rows:N0} rows");
        var loading = Stopwatch.StartNew();
        await LoadAsync(ledgerStore, city, rows - measured, output, cancellation);
        var loadSeconds = loading.Elapsed.TotalSeconds;

        var reads = await MeasureReadsAsync(loaded, cards, firstDay + (Days / 2 * 86_400L), cancellation);
        var result = new LedgerBenchResult(
            store, await ledgerStore.CountAllAsync(cancellation), reads.Transfers, reads.Imbalance, measured,
            Math.Round(postings), Math.Round(ingestOnly), Math.Round(postings / ingestOnly, 3), Math.Round(loadSeconds, 1),
            reads.HistoryP50Ms, reads.HistoryP99Ms, reads.ReconcileMs, reads.DayReportMs, reads.DayReportRows,
            Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576.0, 1));
        output.WriteLine($"bench ledger: {result.Rows:N0} rows, {result.LedgerTransfers:N0} transfers summing to {result.LedgerImbalance}; card history p50 {result.CardHistoryP50Ms} ms, p99 {result.CardHistoryP99Ms} ms; "
            + $"card reconciliation {result.CardReconcileMs} ms; a day's report ({result.DayReportRows:N0} records) in {result.DayReportMs} ms; peak memory {result.PeakMemoryMb} MB");
        output.WriteLine(JsonSerializer.Serialize(result, BenchJson.Options));
        return result.LedgerImbalance == 0 ? 0 : 1;
    }

    /// <summary>The real backend on the loaded database, asked over HTTP: random cards' histories and reconciliations, one day's report.</summary>
    private static async Task<ReadFigures> MeasureReadsAsync(ScratchDatabase database, int cards, long dayUnixSeconds, CancellationToken cancellation)
    {
        var backend = await StartBackendAsync(database, cancellation);
        try
        {
            var benchKey = await backend.Services.GetRequiredService<ApiKeys>().IssueInternalAsync("bench desk", StaffRoles.All, "bench", cancellation);
            using var http = benchKey.Authorize(new HttpClient { BaseAddress = new Uri(backend.WebAddresses()[0] + "/") });
            var random = new Random(Seed);
            await GetAsync(http, $"api/cards/{CityDay.CardUid(0)}/transactions?limit={HistoryLimit}", cancellation);
            var history = new double[HistoryQueries];
            for (var i = 0; i < history.Length; i++)
            {
                history[i] = await GetAsync(http, $"api/cards/{CityDay.CardUid(random.Next(cards))}/transactions?limit={HistoryLimit}", cancellation);
            }

            // A card is reconciled once the desk has registered it: registry row, ledger balance, what it last reported.
            using var desk = new BackOfficeClient(benchKey.Authorize(new HttpClient { BaseAddress = http.BaseAddress }), "bench desk");
            var sampled = Enumerable.Range(0, HistoryQueries / 10).Select(_ => random.Next(cards)).Where(n => n % 10 != 9).Distinct().ToArray();
            foreach (var n in sampled)
            {
                await desk.RegisterCardAsync(CityDay.CardUid(n), cardType: 0, new DateOnly(2030, 12, 31), firstLoad: null, accountId: null, cancellation);
            }

            var reconcile = new double[sampled.Length];
            for (var i = 0; i < reconcile.Length; i++)
            {
                reconcile[i] = await GetAsync(http, $"api/cards/{CityDay.CardUid(sampled[i])}", cancellation);
            }

            var day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(dayUnixSeconds).UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await GetAsync(http, $"api/summary?date={day}", cancellation);
            var report = Stopwatch.StartNew();
            using var summary = JsonDocument.Parse(await http.GetStringAsync($"api/summary?date={day}", cancellation));
            var reportMs = report.Elapsed.TotalMilliseconds;
            var balance = await http.GetFromJsonAsync<TrialBalance>("api/ledger/trial-balance", cancellation)
                ?? throw new InvalidOperationException("The backend answered no trial balance.");

            Array.Sort(history);
            return new ReadFigures(
                Math.Round(Percentile(history, 0.50), 2), Math.Round(Percentile(history, 0.99), 2), Math.Round(reconcile.Average(), 2),
                Math.Round(reportMs, 1), summary.RootElement.GetProperty("transactions").GetInt64(), balance.Transfers, balance.Total);
        }
        finally
        {
            await backend.StopAsync(CancellationToken.None);
            await backend.DisposeAsync();
        }
    }

    /// <summary>Commits <paramref name="rows"/> generated records group by group; returns records per second.</summary>
    private static async Task<double> LoadAsync(ITransactionStore store, CityDay city, long rows, TextWriter? progress, CancellationToken cancellation)
    {
        var timer = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        for (var left = rows; left > 0;)
        {
            var group = city.NextGroup((int)Math.Min(left, CityDay.RecordsPerBatch * CityDay.BatchesPerGroup));
            await store.StoreGroupAsync(group, cancellation);
            left -= group.Sum(b => b.Count);
            if (progress is not null && timer.Elapsed - lastReport > ProgressEvery)
            {
                lastReport = timer.Elapsed;
                progress.WriteLine($"  {rows - left:N0} of {rows:N0} loaded ({(rows - left) / timer.Elapsed.TotalSeconds:N0}/s)");
            }
        }

        return rows / timer.Elapsed.TotalSeconds;
    }

    private static async Task<double> GetAsync(HttpClient http, string path, CancellationToken cancellation)
    {
        var timer = Stopwatch.StartNew();
        using var response = await http.GetAsync(path, cancellation);
        await response.Content.ReadAsByteArrayAsync(cancellation);
        response.EnsureSuccessStatusCode();
        return timer.Elapsed.TotalMilliseconds;
    }

    private static async Task<WebApplication> StartBackendAsync(ScratchDatabase database, CancellationToken cancellation)
    {
        var settings = new Dictionary<string, string?>(database.Settings)
        {
            ["Backend:Mode"] = "Embedded",
            ["Backend:DataDirectory"] = Directory.CreateTempSubdirectory("busfare-bench-backend-").FullName,
            ["Backend:Broker:Embedded:Port"] = BackendHost.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Urls"] = "http://127.0.0.1:0",
        };
        var app = BackendApplication.Create([], settings);
        await app.StartAsync(cancellation);
        return app;
    }

    private sealed record ReadFigures(
        double HistoryP50Ms, double HistoryP99Ms, double ReconcileMs, double DayReportMs, long DayReportRows, long Transfers, long Imbalance);

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
