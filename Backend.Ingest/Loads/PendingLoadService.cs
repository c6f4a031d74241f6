using System.Data.Common;
using Backend.Ingest.Changes;
using Backend.Ingest.Storage.Schema;

namespace Backend.Ingest.Loads;

/// <summary>
/// Keeps the fleet's pending-load list current: every <c>Backend:Loads:PublishSeconds</c> (default 2) it expires the
/// loads past their time, publishes a list version when <c>pending_loads</c> moved (a load created, applied,
/// withdrawn or expired), and refreshes the planner's copy. A failing pass is logged once and retried.
/// </summary>
public sealed class PendingLoadService(
    DbDataSource dataSource, ChangeRunner runner, PendingLoadListCatalog catalog, SchemaReadiness schema, TimeProvider clock,
    IConfiguration configuration, ILogger<PendingLoadService> logger) : BackgroundService
{
    public const string PublishOperation = "loads.publish";

    /// <summary>One pass: expiry, then publication; the version published, if any.</summary>
    public static async Task<uint?> RunPassAsync(DbDataSource dataSource, ChangeRunner runner, PendingLoadListCatalog catalog, DateTimeOffset now, CancellationToken cancellation)
    {
        await PendingLoadExpiry.ExpireDueAsync(dataSource, runner, now, cancellation);
        uint? version = null;
        // A pass with nothing to publish answers a refusal, which rolls back and is not remembered: only passes
        // that publish leave a request row.
        await runner.RunAsync(ChangeRequests.Internal(PublishOperation, "system:pending-loads", new { at = now }), async change =>
        {
            version = await PendingLoadListPublisher.PublishAsync(change, cancellation);
            return version is null
                ? ChangeRequests.Problem(StatusCodes.Status409Conflict, "Nothing to publish", "the fleet's list already matches pending_loads")
                : new ChangeResult(StatusCodes.Status200OK, new { version });
        }, cancellation);
        await catalog.RefreshAsync(cancellation);
        return version;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Backend:Loads:PublishSeconds", 2.0));
        bool failing = false;
        try
        {
            await schema.WaitAsync(stoppingToken);
            while (true)
            {
                try
                {
                    await RunPassAsync(dataSource, runner, catalog, clock.GetUtcNow(), stoppingToken);
                    failing = false;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    if (!failing)
                    {
                        logger.LogWarning("Publishing the pending-load list failed; retrying: {Reason}", e.Message);
                        failing = true;
                    }
                }

                await Task.Delay(interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: nothing to finish.
        }
    }
}
