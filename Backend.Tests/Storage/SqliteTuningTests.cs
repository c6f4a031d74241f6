using Backend.Ingest.Hosting;
using Backend.Ingest.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Backend.Tests.Storage;

/// <summary>Backend:Store:SqliteTuning: read from the configuration, refused when negative, and set on a connection in SQLite's units.</summary>
public sealed class SqliteTuningTests
{
    [Fact]
    public void TheTuningIsReadFromTheStoreSectionAndReachesTheDatabase()
    {
        var configuration = Configuration(new()
        {
            ["Backend:Store:SqliteTuning:CacheMb"] = "512",
            ["Backend:Store:SqliteTuning:MmapMb"] = "0",
            ["Backend:DataDirectory"] = Directory.CreateTempSubdirectory("busfare-tuning-").FullName,
        });

        var database = StoreDatabase.FromOptions(StoreOptions.Read(configuration), configuration, Directory.GetCurrentDirectory());

        Assert.Equal(512, database.SqliteTuning.CacheMb);
        Assert.Equal(0, database.SqliteTuning.MmapMb);
        Assert.Equal(10_000, database.SqliteTuning.CheckpointPages);
    }

    [Theory]
    [InlineData("CacheMb")]
    [InlineData("MmapMb")]
    [InlineData("CheckpointPages")]
    public void ANegativeSettingIsRefusedNamingTheSection(string setting)
    {
        var configuration = Configuration(new() { [$"Backend:Store:SqliteTuning:{setting}"] = "-1" });

        var error = Assert.Throws<InvalidOperationException>(() => StoreOptions.Read(configuration));

        Assert.Contains("Backend:Store:SqliteTuning", error.Message);
    }

    [Fact]
    public async Task ThePragmasSetTheCacheTheMapAndTheCheckpointInSqlitesUnits()
    {
        var tuning = new SqliteTuning { CacheMb = 64, MmapMb = 128, CheckpointPages = 5_000 };
        await using var connection = new SqliteConnection($"Data Source={StoreFactory.FreshSqlitePath()};Pooling=false");
        await connection.OpenAsync();
        await using (var apply = connection.CreateCommand())
        {
            apply.CommandText = tuning.Pragmas;
            await apply.ExecuteNonQueryAsync();
        }

        Assert.Equal(-65_536L, await PragmaAsync(connection, "cache_size"));
        Assert.Equal(134_217_728L, await PragmaAsync(connection, "mmap_size"));
        Assert.Equal(5_000L, await PragmaAsync(connection, "wal_autocheckpoint"));
        Assert.Equal(2L, await PragmaAsync(connection, "temp_store"));
    }

    private static async Task<long> PragmaAsync(SqliteConnection connection, string name)
    {
        await using var read = connection.CreateCommand();
        read.CommandText = $"pragma {name}";
        return Convert.ToInt64(await read.ExecuteScalarAsync());
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
