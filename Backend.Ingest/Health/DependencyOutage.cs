using Microsoft.Data.Sqlite;
using MQTTnet.Exceptions;
using Npgsql;

namespace Backend.Ingest.Health;

/// <summary>
/// Tells an exception that means a dependency is away (the database cannot be reached, refuses writes for lack of
/// room, or is locked; the broker link is down) from one that is a fault of the request or the code. The first is
/// answered 503 with Retry-After (<see cref="OutageProblem"/>), the second stays a 500.
/// </summary>
public static class DependencyOutage
{
    public const string Database = "database";

    public const string Broker = "message broker";

    // SQLite result codes (sqlite.org/rescode.html): BUSY, LOCKED, READONLY, IOERR, FULL, CANTOPEN.
    private static readonly int[] SqliteOutageCodes = [5, 6, 8, 10, 13, 14];

    /// <summary>The dependency that is away, or null when <paramref name="exception"/> (and all it wraps) is no outage.</summary>
    public static string? Of(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(Of).FirstOrDefault(dependency => dependency is not null);
            }

            if (DependencyOf(e) is { } dependency)
            {
                return dependency;
            }
        }

        return null;
    }

    private static string? DependencyOf(Exception e) => e switch
    {
        PostgresException postgres => IsPostgresOutage(postgres.SqlState) ? Database : null,
        // Not an error the server sent: the connection failed, broke or timed out.
        NpgsqlException => Database,
        SqliteException sqlite => SqliteOutageCodes.Contains(sqlite.SqliteErrorCode) ? Database : null,
        MqttCommunicationException => Broker,
        _ => null,
    };

    /// <summary>
    /// PostgreSQL error classes (postgresql.org/docs/current/errcodes-appendix.html): 08 connection exception,
    /// 53 insufficient resources (disk full, out of memory, too many connections), 57P operator intervention (shutdown,
    /// cannot connect now), 58 system error (I/O); and 25006, a read-only transaction (a standby after a fail-over).
    /// </summary>
    private static bool IsPostgresOutage(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
        || state.StartsWith("57P", StringComparison.Ordinal) || state.StartsWith("58", StringComparison.Ordinal) || state == "25006";
}
