using System.Data.Common;
using Terminal.Firmware.Blacklist;

namespace Backend.Ingest.Downlink;

/// <summary>What the catalog holds, as the API answers and the Blacklist and Fare tables pages show it.</summary>
public static class DownlinkCatalogViews
{
    public const int ListingsShown = 1000;
    public const int VersionsShown = 20;

    public static async Task<BlacklistView> BlacklistAsync(DbDataSource dataSource, CancellationToken cancellation)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        long version = await ScalarAsync(connection, "select version from downlink_heads where item = 'blacklist'", cancellation);
        long listed = await ScalarAsync(connection, "select count(*) from blacklist_listings", cancellation);
        var listings = new List<BlacklistListingView>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                select kind, entry_key, reason, listed_version, listed_at, listed_by, why from blacklist_listings
                order by listed_version desc, kind, entry_key limit {ListingsShown}
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                listings.Add(new BlacklistListingView(((BlacklistKind)reader.GetInt32(0)).ToString(), reader.GetString(1), reader.GetInt32(2),
                    reader.GetInt64(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), reader.GetString(5), reader.GetString(6)));
            }
        }

        var versions = new List<BlacklistVersionView>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"select version, published_at, published_by, reason, changes from blacklist_versions order by version desc limit {VersionsShown}";
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                versions.Add(new BlacklistVersionView(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
            }
        }

        return new BlacklistView(version, listed, listings, versions);
    }

    public static async Task<List<FareTableVersionView>> FareTablesAsync(DbDataSource dataSource, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand("""
            select version, valid_from, valid_until, published_at, published_by, signed_table from fare_table_versions order by version desc
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var tables = new List<FareTableVersionView>();
        while (await reader.ReadAsync(cancellation))
        {
            tables.Add(new FareTableVersionView((uint)reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetString(4), ((byte[])reader.GetValue(5)).Length));
        }

        return tables;
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation));
    }
}
