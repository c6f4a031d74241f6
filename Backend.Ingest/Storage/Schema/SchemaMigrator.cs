using System.Reflection;
using Backend.Ingest.Hosting;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using Npgsql;

namespace Backend.Ingest.Storage.Schema;

/// <summary>
/// The backend's schema, versioned: the SQL scripts embedded from <c>Storage/Schema/Sqlite</c> and
/// <c>Storage/Schema/Postgres</c>, applied in name order by DbUp, each in its own transaction, each once (DbUp
/// records the applied ones in <c>schemaversions</c>). A script is never edited once released: a change is a new
/// script. On PostgreSQL an advisory lock lets one process migrate while the others starting beside it wait.
/// </summary>
public static class SchemaMigrator
{
    /// <summary>The advisory lock of the migration: one per schema, so databases sharing a server do not wait on each other.</summary>
    private const string MigrationLock = "hashtextextended('busfare migration ' || current_schema(), 0)";

    /// <summary>The scripts not yet applied to <paramref name="database"/>, in the order they would run.</summary>
    public static IReadOnlyList<string> Pending(StoreDatabase database) =>
        Upgrader(database, log: null).GetScriptsToExecute().Select(s => ScriptName(database.Kind, s.Name)).ToArray();

    /// <summary>Every script this build carries for the kind of database, in order.</summary>
    public static IReadOnlyList<string> Known(StoreKind kind) =>
        Assembly.GetExecutingAssembly().GetManifestResourceNames().Where(name => name.StartsWith(Prefix(kind), StringComparison.Ordinal))
            .Select(name => ScriptName(kind, name)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Applies every pending script; returns their names. Throws <see cref="SchemaMigrationException"/> when one fails (it is rolled back).</summary>
    public static IReadOnlyList<string> Migrate(StoreDatabase database, ILogger? log = null)
    {
        var exclusive = database.Kind == StoreKind.Postgres ? LockPostgres(database.ConnectionString) : null;
        DatabaseUpgradeResult result;
        try
        {
            result = Upgrader(database, log).PerformUpgrade();
        }
        finally
        {
            Unlock(exclusive);
        }

        if (!result.Successful)
        {
            throw new SchemaMigrationException(
                $"Schema migration failed at {(result.ErrorScript is { } script ? ScriptName(database.Kind, script.Name) : "the journal")}: {result.Error.Message}",
                result.Error);
        }

        return result.Scripts.Select(s => ScriptName(database.Kind, s.Name)).ToArray();
    }

    private static UpgradeEngine Upgrader(StoreDatabase database, ILogger? log)
    {
        UpgradeEngineBuilder builder = database.Kind == StoreKind.Sqlite
            ? DeployChanges.To.SqliteDatabase(database.ConnectionString)
            : DeployChanges.To.PostgresqlDatabase(database.ConnectionString);
        var prefix = Prefix(database.Kind);
        builder = builder
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.StartsWith(prefix, StringComparison.Ordinal))
            .WithTransactionPerScript()
            // PostgreSQL's $$ quoting must reach the server as written, not be taken for DbUp variables.
            .WithVariablesDisabled();
        builder = log is null ? builder.LogToNowhere() : builder.LogTo(new SchemaMigrationLog(log));
        return builder.Build();
    }

    private static NpgsqlConnection LockPostgres(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"select pg_advisory_lock({MigrationLock})", connection);
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Unlocks explicitly: a pooled connection would keep a session lock held until its next use.</summary>
    private static void Unlock(NpgsqlConnection? connection)
    {
        if (connection is null)
        {
            return;
        }

        using (connection)
        {
            using var command = new NpgsqlCommand($"select pg_advisory_unlock({MigrationLock})", connection);
            command.ExecuteNonQuery();
        }
    }

    private static string Prefix(StoreKind kind) => $"{typeof(SchemaMigrator).Namespace}.{kind}.";

    /// <summary>The script's file name (<c>0001_ingest_and_fleet.sql</c>), without the resource prefix.</summary>
    private static string ScriptName(StoreKind kind, string resource) =>
        resource.StartsWith(Prefix(kind), StringComparison.Ordinal) ? resource[Prefix(kind).Length..] : resource;
}
