using Backend.Tests.Infrastructure;
using Npgsql;

namespace Backend.Tests.Storage;

/// <summary>
/// The test PostgreSQL's throw-away schemas. Each is named with its creation time, and the first schema a test
/// process asks for first drops those left by runs that ended over <see cref="LeftOverAfter"/> ago: tests hold
/// their hosts to the end of a test and never drop what they made, and thousands of left-over schemas (hundreds
/// of thousands of types) make Npgsql's type loading slow enough to fail the outage tests. A run still going in
/// another process is never that old, so its schemas stay.
/// </summary>
internal static class ScratchSchemas
{
    private const string Prefix = "test_";

    private static readonly TimeSpan LeftOverAfter = TimeSpan.FromHours(3);

    private static readonly Lazy<Task> LeftOversDropped = new(DropLeftOversAsync);

    /// <summary>A new, empty schema; returns its name.</summary>
    public static async Task<string> CreateAsync()
    {
        await LeftOversDropped.Value;
        var schema = $"{Prefix}{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"create schema {schema}", connection);
        await command.ExecuteNonQueryAsync();
        return schema;
    }

    private static async Task DropLeftOversAsync()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
        await connection.OpenAsync();
        var cutoff = DateTimeOffset.UtcNow.Subtract(LeftOverAfter).ToUnixTimeSeconds();
        foreach (var schema in await LeftOverSchemasAsync(connection, cutoff))
        {
            await using var drop = new NpgsqlCommand($"drop schema if exists {schema} cascade", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task<List<string>> LeftOverSchemasAsync(NpgsqlConnection connection, long cutoff)
    {
        await using var command = new NpgsqlCommand(
            @"select nspname from pg_namespace
              where nspname ~ '^test_[0-9]+_[0-9a-f]{32}$' and split_part(nspname, '_', 2)::bigint < @cutoff", connection);
        command.Parameters.AddWithValue("cutoff", cutoff);
        var schemas = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            schemas.Add(reader.GetString(0));
        }

        return schemas;
    }
}
