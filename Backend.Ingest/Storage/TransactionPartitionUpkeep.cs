using System.Data.Common;
using Backend.Ingest.Hosting;
using Backend.Ingest.Storage.Schema;

namespace Backend.Ingest.Storage;

/// <summary>
/// Keeps <see cref="TransactionPartitions.MonthsAhead"/> month partitions created on PostgreSQL: once the schema is
/// migrated, then every six hours. A pass that fails (the database away) is logged and tried at the next one;
/// records meanwhile wait in the default partition, stored and acknowledged as any other.
/// </summary>
internal sealed class TransactionPartitionUpkeep(
    StoreDatabase database, DbDataSource dataSource, SchemaReadiness readiness, TimeProvider clock, ILogger<TransactionPartitionUpkeep> logger)
    : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Kind != StoreKind.Postgres)
        {
            return;
        }

        await readiness.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var names = await TransactionPartitions.EnsureAheadAsync(dataSource, clock.GetUtcNow(), stoppingToken);
                logger.LogDebug("Month partitions of transactions present: {Partitions}", string.Join(", ", names));
            }
            catch (DbException e)
            {
                logger.LogWarning("Cannot create the coming month partitions of transactions yet: {Reason}", e.Message);
            }

            await Task.Delay(Every, clock, stoppingToken);
        }
    }
}
