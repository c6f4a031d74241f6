using System.Data.Common;
using Microsoft.Data.Sqlite;
using Backend.Ingest.Storage;
using Npgsql;

namespace Backend.Ingest.Api;

/// <summary>
/// The database the configuration names (<c>Backend:Store:Kind</c> = Sqlite | Postgres), as an ADO.NET data
/// source that hands out a connection per query: the read side never shares the ingest worker's connection.
/// </summary>
internal static class FareDataSource
{
    public static DbDataSource Create(IConfiguration configuration, string contentRoot)
    {
        var store = configuration.GetSection("Backend:Store");
        var kind = store["Kind"] ?? "Sqlite";
        if (kind.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return SqliteFactory.Instance.CreateDataSource(SqliteConnectionString(configuration, contentRoot));
        }

        if (kind.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            return NpgsqlDataSource.Create(store["Postgres"] is { Length: > 0 } connectionString
                ? connectionString
                : throw new InvalidOperationException("Backend:Store:Kind is Postgres but Backend:Store:Postgres (the connection string) is not set."));
        }

        throw new InvalidOperationException($"Backend:Store:Kind is '{kind}': it must be Sqlite or Postgres.");
    }

    private static string SqliteConnectionString(IConfiguration configuration, string contentRoot) =>
        new SqliteConnectionStringBuilder { DataSource = SqliteLocation.Resolve(configuration, contentRoot), DefaultTimeout = 30 }.ToString();
}
