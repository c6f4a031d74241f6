using Backend.Ingest.Ingest;
using Backend.Ingest.Storage.Schema;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Reconciliation;

/// <summary>
/// Runs the reconciliation behind ingest, never in its way: its own connections, its own transactions, reading
/// what ingest committed. Waits for the schema, then runs passes back
/// to back while there is something new (catching up after any downtime from the cursors), resting
/// <c>IdleMilliseconds</c> when there is not. A database that goes away only pauses it: each failed pass is
/// retried with the ingest's doubling back-off, and a pass commits whole or not at all.
/// </summary>
public sealed class ReconciliationService(
    ReconciliationEngine engine, SchemaReadiness schema, IOptions<ReconciliationOptions> options,
    ReconciliationCounters counters, ILogger<ReconciliationService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.WaitAsync(stoppingToken);
        var idle = TimeSpan.FromMilliseconds(options.Value.IdleMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var outcome = await DatabaseRetry.UntilDoneAsync(() => engine.RunPassAsync(stoppingToken), Failed, stoppingToken);
            counters.Record(outcome);
            if (outcome.Examined == 0 && !outcome.LostRace)
            {
                await Task.Delay(idle, stoppingToken);
            }
        }
    }

    private void Failed(Exception error, TimeSpan delay)
    {
        counters.Failed();
        log.LogWarning(error, "Reconciliation pass failed; retrying in {Delay}", delay);
    }
}
