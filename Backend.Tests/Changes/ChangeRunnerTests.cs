using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Tests.Api;
using Xunit;

namespace Backend.Tests.Changes;

/// <summary>Exactly once per idempotency key, with the audit row in the change's own transaction, on both databases.</summary>
public sealed class ChangeRunnerTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ARetryWithTheSameKeyGetsTheFirstAnswerAndChangesNothing(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var runner = new ChangeRunner(database.DataSource, new TestClock(Noon));
        var request = new ChangeRequest("key-1", "card.load", "desk-3", "04A1B2C3|500");

        var first = await runner.RunAsync(request, LoadAsync(500), default);
        var retry = await runner.RunAsync(request, LoadAsync(500), default);

        Assert.Equal((201, false), (first.Status, first.Replayed));
        Assert.Equal((201, true, first.Body), (retry.Status, retry.Replayed, retry.Body));
        Assert.Equal(500, await ScalarAsync(database, "select sum(amount) from ledger_transfers"));
        Assert.Equal(1, await ScalarAsync(database, "select count(*) from audit_log where actor = 'desk-3' and action = 'card.load'"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AKeyReusedForOtherContentIsAConflictAndChangesNothing(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var runner = new ChangeRunner(database.DataSource, new TestClock(Noon));
        await runner.RunAsync(new ChangeRequest("key-1", "card.load", "desk-3", "04A1B2C3|500"), LoadAsync(500), default);

        var reused = await runner.RunAsync(new ChangeRequest("key-1", "card.load", "desk-3", "04A1B2C3|900"), LoadAsync(900), default);

        Assert.Equal(409, reused.Status);
        Assert.Contains("key-1", reused.Body);
        Assert.Equal(500, await ScalarAsync(database, "select sum(amount) from ledger_transfers"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ARefusalRollsBackItsWritesAndLeavesTheKeyFreeForTheCorrectedRequest(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var runner = new ChangeRunner(database.DataSource, new TestClock(Noon));
        var request = new ChangeRequest("key-1", "card.load", "desk-3", "04A1B2C3|500");

        var refused = await runner.RunAsync(request, async context =>
        {
            await LoadAsync(500)(context);
            return new ChangeResult(409, new { title = "The card is blocked." });
        }, default);
        var corrected = await runner.RunAsync(request, LoadAsync(500), default);

        Assert.Equal((409, false), (refused.Status, refused.Replayed));
        Assert.Equal((201, false), (corrected.Status, corrected.Replayed));
        Assert.Equal(1, await ScalarAsync(database, "select count(*) from ledger_transfers"));
        Assert.Equal(1, await ScalarAsync(database, "select count(*) from audit_log"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task RequestsRacingWithOneKeyExecuteOnceAndAllGetTheSameAnswer(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var runner = new ChangeRunner(database.DataSource, new TestClock(Noon));
        var request = new ChangeRequest("key-race", "card.load", "desk-3", "04A1B2C3|500");
        using var start = new ManualResetEventSlim();

        var racers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await runner.RunAsync(request, LoadAsync(500), default);
        })).ToArray();
        start.Set();
        var outcomes = await Task.WhenAll(racers);

        Assert.All(outcomes, outcome => Assert.Equal(201, outcome.Status));
        Assert.Single(outcomes.Select(o => o.Body).Distinct());
        Assert.Equal(1, await ScalarAsync(database, "select count(*) from ledger_transfers"));
        Assert.Equal(1, await ScalarAsync(database, "select count(*) from api_requests"));
    }

    private static Func<ChangeContext, Task<ChangeResult>> LoadAsync(long amount) => async context =>
    {
        await using (var command = context.Command("""
            insert into ledger_transfers (kind, debit_account, credit_account, amount, source_key, occurred_at, posted_at)
            values ('load', 'clearing:cash', 'card:04A1B2C3', @amount, @key, @now, @now)
            """))
        {
            command.With("amount", amount).With("key", context.Request.IdempotencyKey).With("now", context.Now);
            await command.ExecuteNonQueryAsync();
        }

        await context.AuditAsync("card.load", "card:04A1B2C3", null, $"amount {amount}", default);
        return new ChangeResult(201, new { card = "04A1B2C3", amount });
    };

    private static async Task<long> ScalarAsync(TestDatabase database, string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
