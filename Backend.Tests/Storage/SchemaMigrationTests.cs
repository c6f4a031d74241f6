using Backend.Ingest.Api;
using System.Data.Common;
using Backend.Ingest.Hosting;
using Backend.Ingest.Storage;
using Backend.Ingest.Storage.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Xunit;

namespace Backend.Tests.Storage;

/// <summary>The versioned schema on both databases: applied once, in order, over a database of the pre-migration backend too.</summary>
public sealed class SchemaMigrationTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AFreshDatabaseGetsEveryScriptInOrderAndASecondRunAppliesNothing(string kind)
    {
        var database = await StoreFactory.FreshAsync(kind);
        var known = SchemaMigrator.Known(database.Kind);
        Assert.Equal("0001_ingest_and_fleet.sql", known[0]);
        Assert.Equal(known, SchemaMigrator.Pending(database));

        Assert.Equal(known, SchemaMigrator.Migrate(database));

        Assert.Empty(SchemaMigrator.Pending(database));
        Assert.Empty(SchemaMigrator.Migrate(database));
        Assert.Equal(known.Count, await ScalarAsync(database, "select count(*) from schemaversions"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ADatabaseOfThePreMigrationBackendKeepsItsRowsAndTakesTheScripts(string kind)
    {
        var database = await StoreFactory.FreshAsync(kind);
        var binary = database.Kind == StoreKind.Sqlite ? "blob" : "bytea";
        await ExecuteAsync(database, $"""
            create table transactions (terminal_id bigint not null, sequence bigint not null, kind integer not null,
                recorded_at bigint not null, amount integer not null, card_uid text null, token_id bigint null,
                account_id bigint null, balance_after integer null, route_id integer not null, record {binary} not null,
                received_at bigint not null, primary key (terminal_id, sequence));
            create table terminals (terminal_id bigint primary key, high_water bigint not null, last_batch_at bigint not null);
            create table terminal_status (terminal_id bigint primary key, online boolean not null, firmware_version bigint not null,
                fare_table_version bigint not null, blacklist_version bigint not null, keys_version bigint not null,
                journal_backlog integer not null, last_seen_at bigint not null);
            """);
        // What the pre-migration backend stored: rows and a high-water mark (its commit posted to no ledger).
        await using (var dataSource = database.CreateDataSource())
        {
            foreach (var row in TransactionRow.FromBatch(Batches.ToStore(7, 1, 20), 1))
            {
                await using var insert = dataSource.CreateCommand("""
                    insert into transactions (terminal_id, sequence, kind, recorded_at, amount, card_uid, balance_after, route_id, record, received_at)
                    values (@terminal, @sequence, @kind, @recorded, @amount, @card, @balance, @route, @record, 1)
                    """);
                await insert.With("terminal", (long)row.TerminalId).With("sequence", (long)row.Sequence).With("kind", (int)row.Kind)
                    .With("recorded", (long)row.RecordedAt).With("amount", row.Amount).With("card", row.CardUid).With("balance", row.BalanceAfter)
                    .With("route", row.RouteId).With("record", row.Record).ExecuteNonQueryAsync();
            }
        }

        await ExecuteAsync(database, "insert into terminals (terminal_id, high_water, last_batch_at) values (7, 20, 1)");

        Assert.Equal(SchemaMigrator.Known(database.Kind), SchemaMigrator.Migrate(database));

        await using var store = database.CreateTransactionStore();
        Assert.Equal(20, await store.CountAsync(7));
        Assert.Equal(20, await store.HighWaterAsync(7));
        var stored = await store.StoreGroupAsync([Batches.ToStore(7, 15, 10)]);
        Assert.Equal((4, 6), (stored[0].Inserted, stored[0].Duplicates));
    }

    [Theory]
    [InlineData("sqlite", "update audit_log set reason = 'edited'")]
    [InlineData("sqlite", "delete from ledger_transfers")]
    [InlineData("postgres", "delete from audit_log")]
    [InlineData("postgres", "update ledger_transfers set amount = 1")]
    public async Task TheAuditLogAndTheLedgerRefuseEditsInTheDatabaseItself(string kind, string edit)
    {
        var database = await StoreFactory.FreshMigratedAsync(kind);
        await ExecuteAsync(database, """
            insert into audit_log (at, actor, action, subject) values (1, 'admin', 'card.block', 'card:04A1B2C3');
            insert into ledger_transfers (kind, debit_account, credit_account, amount, source_key, occurred_at, posted_at)
                values ('load', 'clearing:cash', 'card:04A1B2C3', 500, 'request:1', 1, 1);
            """);

        var refused = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(database, edit));

        Assert.Contains("append-only", refused.Message);
        Assert.Equal(1, await ScalarAsync(database, "select count(*) from audit_log where reason is null"));
        Assert.Equal(500, await ScalarAsync(database, "select sum(amount) from ledger_transfers"));
    }

    [Fact]
    public void TheMigrateCommandAppliesThenReportsTheSchemaCurrent()
    {
        var path = StoreFactory.FreshSqlitePath();
        var configuration = Configuration(new() { ["Backend:Store:Kind"] = "Sqlite", ["Backend:Store:Sqlite"] = path });

        var pending = Run(["migrate", "--pending"], configuration);
        var first = Run(["migrate"], configuration);
        var second = Run(["migrate"], configuration);

        Assert.Equal((0, $"Sqlite store: would apply {string.Join(", ", SchemaMigrator.Known(StoreKind.Sqlite))}"), pending);
        Assert.Equal((0, $"Sqlite store: applied {string.Join(", ", SchemaMigrator.Known(StoreKind.Sqlite))}"), first);
        Assert.Equal((0, "Sqlite store: schema current, nothing to apply"), second);
    }

    [Fact]
    public void TheMigrateCommandSaysWhyItCannotReachTheDatabase()
    {
        var configuration = Configuration(new()
        {
            ["Backend:Store:Kind"] = "Postgres",
            ["Backend:Store:Postgres"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=2",
        });

        var (exitCode, line) = Run(["migrate"], configuration);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("migrate: ", line);
        Assert.Contains("127.0.0.1:1", line);
    }

    [Fact]
    public void TheMigrateCommandNamesAMissingConnectionString()
    {
        var (exitCode, line) = Run(["migrate"], Configuration(new() { ["Backend:Store:Kind"] = "Postgres" }));

        Assert.Equal((1, "migrate: Backend:Store:Kind is Postgres but Backend:Store:Postgres (the connection string) is not set."), (exitCode, line));
    }

    private static (int ExitCode, string Line) Run(string[] args, IConfiguration configuration)
    {
        var output = new StringWriter();
        var exitCode = MigrateCommand.Run(args, configuration, Path.GetTempPath(), output);
        return (exitCode, output.ToString().Trim());
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static async Task ExecuteAsync(StoreDatabase database, string sql)
    {
        await using var dataSource = database.CreateDataSource();
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(StoreDatabase database, string sql)
    {
        await using var dataSource = database.CreateDataSource();
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
