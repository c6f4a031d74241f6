using Backend.Ingest.Ingest;

namespace Backend.Ingest.Storage.Schema;

/// <summary>
/// Migrates the schema when the host starts, before ingest, status or the API touch it. A database that is down
/// does not stop the backend: the migration is retried in the background with the database back-off (0.25 s to
/// 10 s) and <see cref="SchemaReadiness"/> completes when it succeeds. A script that fails for any other reason
/// is retried the same way and logged each time with its name and the database's words.
/// </summary>
internal sealed class SchemaMigrationService(StoreDatabase database, SchemaReadiness readiness, ILogger<SchemaMigrationService> logger)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _retrying = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await TryMigrateAsync(cancellationToken))
        {
            return;
        }

        _retrying = RetryAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _stopping.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // A host stopped twice at once (a test factory's dispose beside Run's own shutdown) may be disposed by
            // the other stop, which has already stopped the retry.
            return;
        }

        try
        {
            await _retrying;
        }
        catch (OperationCanceledException)
        {
            // Stopped before the database came back; the next start migrates.
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RetryAsync(CancellationToken cancellation)
    {
        var backoff = new Backoff(DatabaseRetry.FirstDelay, DatabaseRetry.MaxDelay);
        do
        {
            await Task.Delay(backoff.Next(), cancellation);
        }
        while (!await TryMigrateAsync(cancellation));
    }

    private async Task<bool> TryMigrateAsync(CancellationToken cancellation)
    {
        try
        {
            var applied = await Task.Run(() => SchemaMigrator.Migrate(database, logger), cancellation);
            logger.LogInformation("Schema of the {Kind} store is current{Applied}", database.Kind,
                applied.Count == 0 ? "" : $": applied {string.Join(", ", applied)}");
            readiness.Complete();
            return true;
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            logger.LogWarning("Cannot migrate the {Kind} store yet; retrying in the background: {Reason}", database.Kind, e.Message);
            return false;
        }
    }
}
