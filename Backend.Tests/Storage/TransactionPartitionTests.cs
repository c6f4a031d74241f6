using System.Data.Common;
using Backend.Ingest.Storage;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Storage;

/// <summary>PostgreSQL keeps transactions in month partitions (schema 0011), with each record stored once across all of them.</summary>
public sealed class TransactionPartitionTests
{
    private static readonly DateTimeOffset FarMonth = new(2031, 5, 14, 8, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheMigratedTableIsPartitionedByMonthWithThisMonthAndTheNextTwoCreated()
    {
        var database = await StoreFactory.FreshMigratedAsync("postgres");
        await using var dataSource = database.CreateDataSource();

        var now = DateTimeOffset.UtcNow;
        var names = await TransactionPartitions.EnsureAheadAsync(dataSource, now, CancellationToken.None);

        var expected = Enumerable.Range(0, TransactionPartitions.MonthsAhead)
            .Select(ahead => new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(ahead))
            .Select(month => $"transactions_{month:yyyy_MM}").ToArray();
        Assert.Equal(expected, names);
        var partitions = await PartitionsAsync(dataSource);
        Assert.Equal(expected.Append("transactions_default").Order(StringComparer.Ordinal), partitions.Order(StringComparer.Ordinal));
        Assert.Equal("r", await ScalarAsync<string>(dataSource,
            "select partstrat::text from pg_partitioned_table where partrelid = 'transactions'::regclass")); // r: by range
    }

    [Fact]
    public async Task ARecordOfAMonthNotYetCreatedWaitsInTheDefaultPartitionAndMovesWhenItsMonthIsCreated()
    {
        var (store, connect) = await StoreFactory.CreateWithDatabaseAsync("postgres");
        await using var _ = store;
        var batch = Dated(21, FarMonth, 3);

        Assert.Equal(3, (await store.StoreGroupAsync([batch]))[0].Inserted);
        Assert.Equal(3, await CountAsync(connect, "transactions_default"));

        var name = await EnsureMonthAsync(connect, FarMonth);

        Assert.Equal("transactions_2031_05", name);
        Assert.Equal(0, await CountAsync(connect, "transactions_default"));
        Assert.Equal(3, await CountAsync(connect, name));
        Assert.Equal(3, await store.CountAllAsync());
        Assert.Equal(name, await EnsureMonthAsync(connect, FarMonth.AddDays(10)));
        Assert.Equal(3, await CountAsync(connect, name));
    }

    [Fact]
    public async Task ARecordStoredInOneMonthIsADuplicateEvenAfterItsRowMovedOrItsMonthWasArchived()
    {
        var (store, connect) = await StoreFactory.CreateWithDatabaseAsync("postgres");
        await using var _ = store;
        await store.StoreGroupAsync([Dated(22, FarMonth, 5)]);
        var name = await EnsureMonthAsync(connect, FarMonth);

        var again = await store.StoreGroupAsync([Dated(22, FarMonth, 5)]);
        Assert.Equal((0, 5), (again[0].Inserted, again[0].Duplicates));

        await ExecuteAsync(connect, $"alter table transactions detach partition {name}");
        Assert.Equal(0, await store.CountAllAsync());
        var afterArchive = await store.StoreGroupAsync([Dated(22, FarMonth, 5)]);
        Assert.Equal((0, 5), (afterArchive[0].Inserted, afterArchive[0].Duplicates));
        Assert.Equal(5, await ScalarAsync<long>(connect, "select count(*) from ledger_transfers where source_terminal = 22"));
    }

    private static BatchToStore Dated(uint terminalId, DateTimeOffset at, int count)
    {
        var records = Enumerable.Range(1, count).Select(i =>
        {
            var record = Batches.CardTap((uint)i);
            record.Timestamp = (uint)at.ToUnixTimeSeconds();
            return record;
        }).ToArray();
        var payload = Batches.Sealed(terminalId, records);
        var header = new BatchHeader();
        Assert.Equal(WireStatus.Ok, BatchCodec.Decode(payload, 0, payload.Length, header));
        return BatchToStore.From(header, payload, 0);
    }

    private static async Task<string> EnsureMonthAsync(Func<DbConnection> connect, DateTimeOffset at)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"select transactions_month_partition({at.ToUnixTimeSeconds()})";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<IReadOnlyList<string>> PartitionsAsync(DbDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("select inhrelid::regclass::text from pg_inherits where inhparent = 'transactions'::regclass");
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<long> CountAsync(Func<DbConnection> connect, string table) =>
        await ScalarAsync<long>(connect, $"select count(*) from {table}");

    private static async Task ExecuteAsync(Func<DbConnection> connect, string sql)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(Func<DbConnection> connect, string sql)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<T> ScalarAsync<T>(DbDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
