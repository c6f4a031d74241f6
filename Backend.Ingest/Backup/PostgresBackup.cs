using Backend.Ingest.Hosting;
using Npgsql;

namespace Backend.Ingest.Backup;

/// <summary>
/// PostgreSQL through <c>pg_dump -Fc</c> of the backend's schema and <c>pg_restore</c>. The fingerprints and the dump
/// read the same instant: a repeatable-read transaction exports its snapshot, reads every table's fingerprint, and
/// <c>pg_dump --snapshot</c> dumps that snapshot while the transaction stays open; ingest keeps writing meanwhile.
/// </summary>
public static class PostgresBackup
{
    public static IReadOnlyList<TableFingerprint> Take(string connectionString, string dumpPath)
    {
        using var connection = Open(connectionString);
        using var snapshot = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        SetCanonicalText(connection, snapshot);
        using var export = new NpgsqlCommand("select pg_export_snapshot()", connection, snapshot);
        var snapshotId = (string)export.ExecuteScalar()!;
        var fingerprints = TableFingerprints.Read(connection, StoreKind.Postgres, snapshot);
        PostgresTools.Run("pg_dump", connectionString,
            ["--format=custom", $"--snapshot={snapshotId}", $"--schema={PostgresTools.Schema(connectionString)}", "--no-owner", "--no-privileges", $"--file={dumpPath}"]);
        snapshot.Commit();
        return fingerprints;
    }

    /// <summary>The tables of the connection string's schema (none if it does not exist yet).</summary>
    public static IReadOnlyList<TableFingerprint> Fingerprints(string connectionString)
    {
        using var connection = Open(connectionString);
        using var read = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        SetCanonicalText(connection, read);
        return TableFingerprints.Read(connection, StoreKind.Postgres, read);
    }

    /// <summary>
    /// Restores the dump into the connection string's schema, which must hold no table (the caller has checked, or
    /// was told to replace it: <paramref name="replace"/> drops the schema first). The dump carries its source's
    /// schema name: it is restored under that name and renamed when the target's differs.
    /// </summary>
    public static void Restore(string dumpPath, string connectionString, bool replace)
    {
        var target = PostgresTools.Schema(connectionString);
        var listing = PostgresTools.Run("pg_restore", connectionString, ["--list", dumpPath]);
        var source = listing.Split('\n').Select(line => line.Split(' ')).Where(words => words.Length >= 6 && words[3] == "SCHEMA" && words[4] == "-")
            .Select(words => words[5]).FirstOrDefault() ?? target;
        using (var connection = Open(connectionString))
        {
            // Checked before anything is dropped: a refused restore leaves the target as it was.
            if (source != target && Exists(connection, source))
            {
                throw new BackupException($"the backup is of schema {source}, which exists in the target database beside {target}: restore into a database without it");
            }

            if (replace)
            {
                Execute(connection, $"drop schema if exists {Quote(target)} cascade");
            }

            Execute(connection, $"drop schema if exists {Quote(target)}");
            Execute(connection, $"create schema {Quote(source)}");
        }

        // The schema exists already (the public one cannot be created again): its own entry is left out of the restore.
        var entries = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(entries, listing.Split('\n').Where(line => !line.Contains(" SCHEMA - ", StringComparison.Ordinal)));
            PostgresTools.Run("pg_restore", connectionString,
                [$"--dbname={new NpgsqlConnectionStringBuilder(connectionString).Database}", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", $"--use-list={entries}", dumpPath]);
        }
        finally
        {
            File.Delete(entries);
        }

        if (source != target)
        {
            using var connection = Open(connectionString);
            Execute(connection, $"alter schema {Quote(source)} rename to {Quote(target)}");
        }
    }

    /// <summary>A connection string to a new, empty scratch database beside the one of <paramref name="connectionString"/> (its user needs CREATEDB).</summary>
    public static string CreateScratchDatabase(string connectionString)
    {
        var name = $"busfare_verify_{Guid.NewGuid():N}";
        using (var connection = Open(connectionString))
        {
            try
            {
                Execute(connection, $"create database {Quote(name)}");
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                throw new BackupException($"verifying a PostgreSQL backup restores it into a scratch database, which this user may not create: {e.MessageText}", e);
            }
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { Database = name, Pooling = false }.ToString();
    }

    public static void DropScratchDatabase(string scratchConnectionString, string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(scratchConnectionString).Database!;
        using var connection = Open(connectionString);
        Execute(connection, $"drop database if exists {Quote(name)} with (force)");
    }

    private static bool Exists(NpgsqlConnection connection, string schema)
    {
        using var command = new NpgsqlCommand("select count(*) from pg_namespace where nspname = @schema", connection);
        command.Parameters.AddWithValue("schema", schema);
        return (long)command.ExecuteScalar()! > 0;
    }

    /// <summary>Row text that reads the same on every server and session: the fingerprints compare across them.</summary>
    private static void SetCanonicalText(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        using var command = new NpgsqlCommand(
            "set local timezone = 'UTC'; set local datestyle = 'ISO, YMD'; set local intervalstyle = 'postgres'; set local extra_float_digits = 3; set local bytea_output = 'hex'",
            connection, transaction);
        command.ExecuteNonQuery();
    }

    private static NpgsqlConnection Open(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
