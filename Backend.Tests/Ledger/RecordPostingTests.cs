using Backend.Ingest.Storage;
using Backend.Ingest.Storage.Schema;
using Backend.Tests.Infrastructure;
using Backend.Tests.Storage;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Ledger;

/// <summary>Each ingested record posts its transfer once, in the transaction that stores it, on both stores.</summary>
public sealed class RecordPostingTests
{
    private const string Card = "card:" + LedgerRecords.CardHex;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task EachKindPostsItsRuleAndRefusalsEventsAndCompletionsPostNothing(string kind)
    {
        var (store, connect) = await StoreFactory.CreateWithDatabaseAsync(kind);
        await using var _ = store;

        await store.StoreGroupAsync([LedgerRecords.Batch(8,
            LedgerRecords.Card(TxKind.CardTapAccepted, 1, 250),
            LedgerRecords.Qr(2, 4_000_000_000, 180),
            LedgerRecords.Card(TxKind.TopUp, 3, 2000),
            LedgerRecords.Card(TxKind.CardTapAccepted, 4, 300),
            LedgerRecords.Card(TxKind.CardWriteAbandoned, 5, 300),
            LedgerRecords.Card(TxKind.CardTapAccepted, 6, 310),
            LedgerRecords.Card(TxKind.CardWriteCompleted, 7, 310),
            LedgerRecords.Card(TxKind.Refusal, 8, 0),
            LedgerRecords.Card(TxKind.CardTapAccepted, 9, 0),
            Batches.Event(10))]);

        var occurred = Batches.Timestamp * 1000L;
        Assert.Equal(
        [
            new StoredTransfer("tap_charge", Card, "revenue:fares", 250, 8, 1, null, 0, occurred),
            new StoredTransfer("qr_charge", "account:4000000000", "revenue:fares", 180, 8, 2, null, 0, occurred),
            new StoredTransfer("load", "clearing:payments", Card, 2000, 8, 3, null, 0, occurred),
            new StoredTransfer("tap_charge", Card, "revenue:fares", 300, 8, 4, null, 0, occurred),
            new StoredTransfer("write_abandoned", "revenue:fares", Card, 300, 8, 5, null, 0, occurred),
            new StoredTransfer("tap_charge", Card, "revenue:fares", 310, 8, 6, null, 0, occurred),
        ], await LedgerBook.TransfersAsync(connect));
        var balances = LedgerBook.Balances(await LedgerBook.TransfersAsync(connect));
        Assert.Equal(2000 - 250 - 310, balances[Card]);
        Assert.Equal(0, balances.Values.Sum());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ARedeliveredDuplicatedOrReorderedBatchPostsEachRecordOnce(string kind)
    {
        var (store, connect) = await StoreFactory.CreateWithDatabaseAsync(kind);
        await using var _ = store;

        await store.StoreGroupAsync([Batches.ToStore(3, 21, 20), Batches.ToStore(3, 21, 20)]);
        await store.StoreGroupAsync([Batches.ToStore(3, 1, 40), Batches.ToStore(4, 1, 10)]);
        await store.StoreGroupAsync([Batches.ToStore(3, 1, 20)]);
        await store.StoreAsync(Batches.Decoded(4, 1, 10).Header, Batches.Decoded(4, 1, 10).Payload, 0);

        var transfers = await LedgerBook.TransfersAsync(connect);
        Assert.Equal(50, transfers.Count);
        Assert.All(transfers.GroupBy(t => (t.Terminal, t.Sequence)), record => Assert.Equal(250, record.Sum(t => t.Amount)));
        Assert.Equal(Enumerable.Range(1, 40).Select(s => (long?)s), transfers.Where(t => t.Terminal == 3).Select(t => t.Sequence).Order());
        Assert.Equal(-50 * 250, LedgerBook.Balances(transfers).Where(b => b.Key.StartsWith("card:")).Sum(b => b.Value));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task APostingThatFailsRollsItsRecordsBackAndTheRetryPostsThemOnce(string kind)
    {
        var database = await StoreFactory.FreshMigratedAsync(kind);
        var (store, connect) = (database.CreateTransactionStore(), StoreFactory.Connector(database));
        await using var _ = store;
        await ExecuteAsync(connect, kind == "sqlite"
            ? "create trigger refuse_posting before insert on ledger_transfers begin select raise(abort, 'ledger unavailable'); end"
            : """
              create function refuse_posting() returns trigger language plpgsql as $$ begin raise exception 'ledger unavailable'; end $$;
              create trigger refuse_posting before insert on ledger_transfers for each row execute function refuse_posting();
              """);

        await Assert.ThrowsAnyAsync<Exception>(() => store.StoreGroupAsync([Batches.ToStore(6, 1, 10)]));
        Assert.Equal(0, await store.CountAllAsync());
        Assert.Empty(await LedgerBook.TransfersAsync(connect));

        await ExecuteAsync(connect, "drop trigger refuse_posting" + (kind == "sqlite" ? "" : " on ledger_transfers"));
        var stored = await store.StoreGroupAsync([Batches.ToStore(6, 1, 10)]);

        Assert.Equal(new StoredBatch(6, 10, 0, 10), stored[0]);
        Assert.Equal(10, (await LedgerBook.TransfersAsync(connect)).Count);
    }

    [Fact]
    public async Task PostgresGoingAwayMidPostLosesNoPostingAndDoublesNone()
    {
        var connectionString = await StoreFactory.FreshSchemaAsync();
        await using var proxy = new TcpProxy("127.0.0.1", new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Port);
        SchemaMigrator.Migrate(StoreDatabase.Postgres(connectionString));
        await using var store = new PostgresTransactionStore(StoreFactory.Through(connectionString, proxy));
        await store.StoreGroupAsync([Batches.ToStore(1, 1, 10)]);

        proxy.Cut();
        await Assert.ThrowsAnyAsync<Exception>(() => store.StoreGroupAsync([Batches.ToStore(1, 11, 10), Batches.ToStore(2, 1, 5)]));
        proxy.Restore();
        await store.StoreGroupAsync([Batches.ToStore(1, 1, 20), Batches.ToStore(2, 1, 5)]);
        await store.StoreGroupAsync([Batches.ToStore(1, 11, 10)]);

        var transfers = await LedgerBook.TransfersAsync(() => new Npgsql.NpgsqlConnection(connectionString));
        Assert.Equal(25, transfers.Count);
        Assert.Equal(25, transfers.Select(t => (t.Terminal, t.Sequence)).Distinct().Count());
        Assert.Equal(25 * 250, transfers.Sum(t => t.Amount));
    }

    private static async Task ExecuteAsync(Func<System.Data.Common.DbConnection> connect, string sql)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
