using System.Data.Common;
using Backend.Ingest.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Health;

/// <summary>
/// The database is reachable and takes a write: a connection from the backend's own pool, one row of the migration
/// journal rewritten to itself in a transaction that is rolled back. A read alone would pass on a read-only standby,
/// a full disk's PostgreSQL, or a SQLite file another process holds the write lock of.
/// </summary>
public sealed class DatabaseHealthCheck(DbDataSource dataSource, StoreDatabase database, IOptions<HealthOptions> options) : IHealthCheck
{
    public const string Name = "database";

    // schemaversions is the journal DbUp keeps in both stores; every migrated database has at least one row there.
    private const string Probe = "update schemaversions set scriptname = scriptname where scriptname = (select min(scriptname) from schemaversions)";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            // Deferred on SQLite: its default BEGIN IMMEDIATE would wait out the connection's 30 s busy timeout for a held
            // write lock, where the probe's own command timeout below should decide.
            await using var transaction = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: true)
                : await connection.BeginTransactionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Probe;
            // On SQLite this is also how long a held write lock is waited for.
            command.CommandTimeout = options.Value.ProbeTimeoutSeconds;
            var rows = await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
            return rows == 1
                ? HealthCheckResult.Healthy($"{database.Kind} reachable and writable")
                : HealthCheckResult.Unhealthy($"{database.Kind} reachable but not migrated (no schema journal row)");
        }
        catch (DbException e)
        {
            return HealthCheckResult.Unhealthy($"{database.Kind} not reachable or not writable: {e.Message}", e);
        }
    }
}
