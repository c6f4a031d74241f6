using Backend.Ingest.Hosting;
using Backend.Ingest.Storage;

namespace Backend.Ingest.Backup;

/// <summary>
/// Backup, verification and restore of the backend's database (<see cref="StoreDatabase"/>), whichever the store:
/// the payload comes from <see cref="SqliteBackup"/> or <see cref="PostgresBackup"/>, the file is a <see cref="BackupFile"/>.
/// </summary>
public static class DatabaseBackup
{
    /// <summary>What a restore put in place, for the operator.</summary>
    public sealed record RestoreOutcome(BackupManifest Manifest, IReadOnlyList<string> Differences);

    public static BackupManifest Take(StoreDatabase database, string file, TimeProvider clock)
    {
        var work = Directory.CreateTempSubdirectory("busfare-backup-");
        try
        {
            var payload = Path.Combine(work.FullName, "database");
            var takenAt = clock.GetUtcNow();
            var tables = database.Kind == StoreKind.Sqlite
                ? SqliteBackup.Take(database.SqlitePath!, payload)
                : PostgresBackup.Take(database.ConnectionString, payload);
            var manifest = new BackupManifest(BackupManifest.CurrentFormat, database.Kind, SchemaVersion(tables, database.Kind, payload, database),
                takenAt, BackupFile.Sha256Of(payload), tables);
            BackupFile.Write(file, manifest, payload);
            return manifest;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Restores the file into a scratch database (a temporary SQLite file, or a scratch PostgreSQL database beside
    /// <paramref name="database"/>) and compares every table with the manifest; returns the manifest and the differences.
    /// </summary>
    public static RestoreOutcome Verify(string file, StoreDatabase database)
    {
        var work = Directory.CreateTempSubdirectory("busfare-verify-");
        try
        {
            var payload = Path.Combine(work.FullName, "database");
            var manifest = BackupFile.Extract(file, payload);
            if (manifest.Kind == StoreKind.Sqlite)
            {
                var scratch = Path.Combine(work.FullName, "scratch.db");
                SqliteBackup.Restore(payload, scratch);
                return new RestoreOutcome(manifest, TableFingerprints.Differences(manifest.Tables, SqliteBackup.Fingerprints(scratch)));
            }

            Require(manifest, database);
            var scratchDatabase = PostgresBackup.CreateScratchDatabase(database.ConnectionString);
            try
            {
                PostgresBackup.Restore(payload, scratchDatabase, replace: false);
                return new RestoreOutcome(manifest, TableFingerprints.Differences(manifest.Tables, PostgresBackup.Fingerprints(scratchDatabase)));
            }
            finally
            {
                PostgresBackup.DropScratchDatabase(scratchDatabase, database.ConnectionString);
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Restores the file over <paramref name="database"/>, which must hold no table unless <paramref name="force"/>;
    /// then compares what is there with the manifest.
    /// </summary>
    public static RestoreOutcome Restore(string file, StoreDatabase database, bool force)
    {
        var work = Directory.CreateTempSubdirectory("busfare-restore-");
        try
        {
            var payload = Path.Combine(work.FullName, "database");
            var manifest = BackupFile.Extract(file, payload);
            Require(manifest, database);
            var present = Fingerprints(database);
            if (present.Count > 0 && !force)
            {
                throw new BackupException(
                    $"the target database is not empty ({present.Count} tables, {present.Sum(t => t.Rows)} rows): restore --force replaces everything in it");
            }

            if (database.Kind == StoreKind.Sqlite)
            {
                SqliteBackup.Restore(payload, database.SqlitePath!);
            }
            else
            {
                PostgresBackup.Restore(payload, database.ConnectionString, replace: force);
            }

            return new RestoreOutcome(manifest, TableFingerprints.Differences(manifest.Tables, Fingerprints(database)));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    public static IReadOnlyList<TableFingerprint> Fingerprints(StoreDatabase database) => database.Kind == StoreKind.Sqlite
        ? SqliteBackup.Fingerprints(database.SqlitePath!)
        : PostgresBackup.Fingerprints(database.ConnectionString);

    private static void Require(BackupManifest manifest, StoreDatabase database)
    {
        if (manifest.Kind != database.Kind)
        {
            throw new BackupException($"the backup is of a {manifest.Kind} store; the configured store is {database.Kind}");
        }
    }

    /// <summary>The last migration script the backed-up database had applied (DbUp's journal, <c>schemaversions</c>).</summary>
    private static string SchemaVersion(IReadOnlyList<TableFingerprint> tables, StoreKind kind, string payload, StoreDatabase database)
    {
        if (!tables.Any(t => string.Equals(t.Table, "schemaversions", StringComparison.OrdinalIgnoreCase)))
        {
            return "none";
        }

        using var connection = kind == StoreKind.Sqlite
            ? (System.Data.Common.DbConnection)new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={payload};Pooling=false;Mode=ReadOnly")
            : new Npgsql.NpgsqlConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select max(scriptname) from schemaversions";
        return command.ExecuteScalar() is string script ? script.Split($".{kind}.").Last() : "none";
    }
}
