using System.Data.Common;
using Backend.Ingest.Storage;
using Backend.Tests.Infrastructure;
using Xunit;

namespace Backend.Tests.Storage;

/// <summary>Several batches in one transaction, the decoded columns, the bulk baseline, and a database that goes away.</summary>
public sealed class GroupCommitTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AGroupOfSeveralTerminalsWithDuplicatesInsideStoresEachRecordOnceAndAnswersPerBatch(string kind)
    {
        await using var store = await StoreFactory.CreateAsync(kind);
        await store.StoreGroupAsync([Batches.ToStore(5, 1, 10)]);

        var results = await store.StoreGroupAsync(
        [
            Batches.ToStore(9, 21, 20),
            Batches.ToStore(5, 1, 30),
            Batches.ToStore(9, 1, 20),
            Batches.ToStore(5, 1, 30),
        ]);

        Assert.Equal(new StoredBatch(9, 20, 0, 40), results[0]);
        Assert.Equal(new StoredBatch(5, 20, 10, 30), results[1]);
        Assert.Equal(new StoredBatch(9, 20, 0, 20), results[2]);
        Assert.Equal(new StoredBatch(5, 0, 30, 30), results[3]);
        Assert.Equal(30, await store.CountAsync(5));
        Assert.Equal(40, await store.CountAsync(9));
        Assert.Equal(70, await store.CountAllAsync());
        Assert.Equal(30, await store.HighWaterAsync(5));
        Assert.Equal(40, await store.HighWaterAsync(9));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task CardQrAndEventRecordsFillTheirOwnColumns(string kind)
    {
        var (store, connect) = await StoreFactory.CreateWithDatabaseAsync(kind);
        await using var _ = store;
        var payload = Batches.Sealed(4, Batches.CardTap(1), Batches.QrRide(2, 555, 0xF000_0000_0000_0001UL), Batches.Event(3));
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var header = new Terminal.Firmware.Journal.BatchHeader();
        Assert.Equal(Terminal.Firmware.Journal.WireStatus.Ok, Terminal.Firmware.Journal.BatchCodec.Decode(payload, 0, payload.Length, header));

        await store.StoreAsync(header, payload, 0);

        var rows = await ReadAsync(connect, """
            select sequence, kind, recorded_at, amount, card_uid, token_id, account_id, balance_after, route_id, received_at, record
            from transactions order by sequence
            """);
        Assert.Equal(3, rows.Count);
        Assert.Equal([1L, 1L, (long)Batches.Timestamp, 250L, "04A1B2C3D4E501", null, null, -120L, 12L], rows[0][..9]);
        Assert.Equal([2L, 2L, (long)Batches.Timestamp, 180L, null, unchecked((long)0xF000_0000_0000_0001UL), 555L, null, 3L], rows[1][..9]);
        Assert.Equal([3L, 7L, (long)Batches.Timestamp, 0L, null, null, null, null, 9L], rows[2][..9]);
        Assert.All(rows, row => Assert.InRange((long)row[9]!, before, before + 60_000));
        Assert.Equal(payload[16..48], (byte[])rows[0][10]!);
        var terminal = await ReadAsync(connect, "select high_water, last_batch_at from terminals where terminal_id = 4");
        Assert.Equal(3L, terminal[0][0]);
        Assert.Equal(rows[0][9], terminal[0][1]);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheBulkPathWritesEveryRow(string kind)
    {
        await using var store = await StoreFactory.CreateAsync(kind);
        var rows = Enumerable.Range(0, 5).SelectMany(t => TransactionRow.FromBatch(Batches.ToStore((uint)t + 1, 1, 200), 1)).ToArray();

        await store.BulkInsertAsync(rows);

        Assert.Equal(1000, await store.CountAllAsync());
        Assert.Equal(200, await store.CountAsync(3));
    }

    [Fact]
    public async Task APostgresStoreReconnectsAfterItsDatabaseWentAwayAndLosesNothing()
    {
        var connectionString = await StoreFactory.FreshSchemaAsync();
        await using var proxy = new TcpProxy("127.0.0.1", new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Port);
        Backend.Ingest.Storage.Schema.SchemaMigrator.Migrate(StoreDatabase.Postgres(connectionString));
        await using var store = new PostgresTransactionStore(StoreFactory.Through(connectionString, proxy));
        await store.StoreGroupAsync([Batches.ToStore(1, 1, 10)]);

        proxy.Cut();
        await Assert.ThrowsAnyAsync<Exception>(() => store.StoreGroupAsync([Batches.ToStore(1, 11, 10)]));
        await Assert.ThrowsAnyAsync<Exception>(() => store.StoreGroupAsync([Batches.ToStore(1, 11, 10)]));
        proxy.Restore();
        var stored = await store.StoreGroupAsync([Batches.ToStore(1, 11, 10)]);

        Assert.Equal(new StoredBatch(1, 10, 0, 20), stored[0]);
        Assert.Equal(20, await store.CountAsync(1));
        Assert.True(proxy.Accepted >= 2, "the store should have opened a new connection");
    }

    private static async Task<List<object?[]>> ReadAsync(Func<DbConnection> connect, string sql)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i) is var value && value is int number ? (long)number : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
