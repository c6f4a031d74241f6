using System.Net;
using Backend.Ingest.Storage;
using Backend.Tests.Api;
using Backend.Tests.Ledger;
using Backend.Tests.Storage;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Cards;

/// <summary>The issuing desk over HTTP: register, load, read, refund, and every refusal, on both stores.</summary>
public sealed class CardDeskTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ACardIsRegisteredWithItsFirstLoadLoadedAgainAndReadWithItsLedgerAndAudit(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);

        var registered = await host.Client.PostAsync("/api/cards", DeskRequests.Card("04a1b2c3d4e5f6"), DeskRequests.NewKey());
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var body = await registered.JsonAsync();
        Assert.Equal("04A1B2C3D4E5F6", body.GetProperty("card").GetProperty("uid").GetString());
        Assert.Equal("active", body.GetProperty("card").GetProperty("status").GetString());
        Assert.Equal(2000, body.GetProperty("ledgerBalance").GetInt64());

        var loaded = await host.Client.PostAsync("/api/cards/04A1B2C3D4E5F6/loads", new { amount = 500, paidBy = "payment" }, DeskRequests.NewKey());
        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        Assert.Equal(2500, (await loaded.JsonAsync()).GetProperty("ledgerBalance").GetInt64());

        var card = await (await host.Client.GetAsync("/api/cards/04a1b2c3d4e5f6")).JsonAsync();
        Assert.Equal(2500, card.GetProperty("ledgerBalance").GetInt64());
        Assert.Equal("2030-12-31", card.GetProperty("card").GetProperty("expiryDay").GetString());
        Assert.Equal("desk 7, central station", card.GetProperty("card").GetProperty("issuedBy").GetString());
        Assert.Equal(JsonValueKindNull, card.GetProperty("lastReported").ValueKind);
        Assert.Equal(["load", "issue"], card.GetProperty("recentTransfers").EnumerateArray().Select(t => t.GetProperty("kind").GetString()));
        var ledger = (await (await host.Client.GetAsync("/api/cards/04A1B2C3D4E5F6/ledger")).JsonAsync()).EnumerateArray().ToArray();
        Assert.Equal(["clearing:payments", "clearing:cash"], ledger.Select(t => t.GetProperty("debitAccount").GetString()));
        Assert.All(ledger, t => Assert.Equal("card:04A1B2C3D4E5F6", t.GetProperty("creditAccount").GetString()));

        var audit = await ReadAsync(database, "select actor, action, subject from audit_log where actor <> 'test-setup' order by audit_id");
        Assert.Equal([["desk-7", "card.register", "card:04A1B2C3D4E5F6"], ["desk-7", "card.load", "card:04A1B2C3D4E5F6"]], audit);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheCardShowsWhatItLastReportedOnATapBesideItsLedgerBalance(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        await host.Client.PostAsync("/api/cards", DeskRequests.Card(LedgerRecords.CardHex), DeskRequests.NewKey());
        await using (var store = database.Store().CreateTransactionStore())
        {
            await store.StoreGroupAsync([LedgerRecords.Batch(12, LedgerRecords.Card(TxKind.CardTapAccepted, 1, 250), LedgerRecords.Card(TxKind.CardTapAccepted, 2, 300))]);
        }

        var card = await (await host.Client.GetAsync($"/api/cards/{LedgerRecords.CardHex}")).JsonAsync();

        Assert.Equal(2000 - 250 - 300, card.GetProperty("ledgerBalance").GetInt64());
        var reported = card.GetProperty("lastReported");
        Assert.Equal(500, reported.GetProperty("balance").GetInt32());
        Assert.Equal(2, reported.GetProperty("counter").GetInt32());
        Assert.Equal(12, reported.GetProperty("terminal").GetInt64());
        Assert.Equal(["tap_charge", "tap_charge", "issue"], card.GetProperty("recentTransfers").EnumerateArray().Select(t => t.GetProperty("kind").GetString()));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ARetriedLoadWithTheSameKeyLoadsOnceAndSaysItWasReplayed(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        await host.Client.PostAsync("/api/cards", DeskRequests.Card("04A1B2C3", firstLoad: null), DeskRequests.NewKey());
        var key = DeskRequests.NewKey();

        var first = await host.Client.PostAsync("/api/cards/04A1B2C3/loads", new { amount = 700 }, key);
        var retry = await host.Client.PostAsync("/api/cards/04A1B2C3/loads", new { amount = 700 }, key);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(700, (await (await host.Client.GetAsync("/api/cards/04A1B2C3")).JsonAsync()).GetProperty("ledgerBalance").GetInt64());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task IdenticalLoadsRacingWithOneKeyLoadOnce(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        await host.Client.PostAsync("/api/cards", DeskRequests.Card("04A1B2C3", firstLoad: null), DeskRequests.NewKey());
        var key = DeskRequests.NewKey();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => host.Client.PostAsync("/api/cards/04A1B2C3/loads", new { amount = 900 }, key))));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        Assert.Equal(900, (await (await host.Client.GetAsync("/api/cards/04A1B2C3")).JsonAsync()).GetProperty("ledgerBalance").GetInt64());
        Assert.Equal([["1"]], await ReadAsync(database, "select cast(count(*) as text) from ledger_transfers where kind = 'load'"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheDeskRefusesWhatItCannotDoAndSaysWhy(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        var client = host.Client;
        await client.PostAsync("/api/cards", DeskRequests.Card("04A1B2C3"), DeskRequests.NewKey());

        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync("/api/cards", DeskRequests.Card("04A1B2"), DeskRequests.NewKey()), "uid");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync("/api/cards", DeskRequests.Card("04A1B2C4"), null), "Idempotency-Key");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync("/api/cards", DeskRequests.Card("04A1B2C4", firstLoad: 0), DeskRequests.NewKey()), "firstLoad");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync("/api/cards", new { uid = "04A1B2C4", cardType = 9, keyVersion = 1, expiryDay = "2030-01-01", issuedBy = "desk" }, DeskRequests.NewKey()), "cardType");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync("/api/cards", new { uid = "04A1B2C4", cardType = 1, keyVersion = 1, expiryDay = "2400-01-01", issuedBy = "desk" }, DeskRequests.NewKey()), "expiryDay");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync("/api/cards/ZZA1B2C3/loads", new { amount = 100 }, DeskRequests.NewKey()), "uid");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync("/api/cards/04A1B2C3/loads", new { amount = 0 }, DeskRequests.NewKey()), "amount");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync("/api/cards/04A1B2C3/loads", new { amount = -500 }, DeskRequests.NewKey()), "amount");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync("/api/cards/04A1B2C3/loads", new { amount = 50_001 }, DeskRequests.NewKey()), "amount");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync("/api/cards/04A1B2C3/loads", new { amount = 100, paidBy = "iou" }, DeskRequests.NewKey()), "paidBy");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync("/api/cards/04A1B2C3/loads", new { amount = 100 }, null), "Idempotency-Key");

        await AssertProblemAsync(await client.PostAsync("/api/cards/04A1B2C9/loads", new { amount = 100 }, DeskRequests.NewKey()), HttpStatusCode.NotFound, "04A1B2C9");
        await AssertProblemAsync(await client.GetAsync("/api/cards/04A1B2C9"), HttpStatusCode.NotFound, "04A1B2C9");
        await AssertProblemAsync(await client.GetAsync("/api/cards/04A1B2C9/ledger"), HttpStatusCode.NotFound, "04A1B2C9");
        await AssertProblemAsync(await client.PostAsync("/api/cards", DeskRequests.Card("04a1b2c3"), DeskRequests.NewKey()), HttpStatusCode.Conflict, "registry");
        await AssertProblemAsync(await client.PostAsync("/api/cards", DeskRequests.Card("04A1B2C5", accountId: 77), DeskRequests.NewKey()), HttpStatusCode.UnprocessableEntity, "77");

        var key = DeskRequests.NewKey();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/cards/04A1B2C3/loads", new { amount = 100 }, key)).StatusCode);
        await AssertProblemAsync(await client.PostAsync("/api/cards/04A1B2C3/loads", new { amount = 200 }, key), HttpStatusCode.Conflict, key);

        await database.ExecuteAsync("update cards set status = 'blocked', status_reason = 'reported lost' where uid = '04A1B2C3'");
        await AssertProblemAsync(await client.PostAsync("/api/cards/04A1B2C3/loads", new { amount = 100 }, DeskRequests.NewKey()), HttpStatusCode.Conflict, "blocked");

        Assert.Equal(2100, (await (await client.GetAsync("/api/cards/04A1B2C3")).JsonAsync()).GetProperty("ledgerBalance").GetInt64());
        Assert.Equal([["2"]], await ReadAsync(database, "select cast(count(*) as text) from audit_log where actor <> 'test-setup'"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ALoadThatWouldPassWhatTheCardCanHoldIsRefused(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now, new Dictionary<string, string?> { ["Backend:Ledger:MaxLoad"] = "9000000" });
        await host.Client.PostAsync("/api/cards", DeskRequests.Card("04A1B2C3", firstLoad: 8_000_000), DeskRequests.NewKey());

        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync("/api/cards/04A1B2C3/loads", new { amount = 388_607 }, DeskRequests.NewKey())).StatusCode);
        await ProblemAssert.IsValidationProblemAsync(await host.Client.PostAsync("/api/cards/04A1B2C3/loads", new { amount = 1 }, DeskRequests.NewKey()), "amount");

        Assert.Equal(8_388_607, (await (await host.Client.GetAsync("/api/cards/04A1B2C3")).JsonAsync()).GetProperty("ledgerBalance").GetInt64());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ARefundPaysOutTheRemainingBalanceOnceAndRetiresTheCard(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        await host.Client.PostAsync("/api/cards", DeskRequests.Card(LedgerRecords.CardHex, firstLoad: 1500), DeskRequests.NewKey());
        await using (var store = database.Store().CreateTransactionStore())
        {
            await store.StoreGroupAsync([LedgerRecords.Batch(3, LedgerRecords.Card(TxKind.CardTapAccepted, 1, 250))]);
        }

        await ProblemAssert.IsValidationProblemAsync(await host.Client.PostAsync($"/api/cards/{LedgerRecords.CardHex}/refund", new { }, DeskRequests.NewKey()), "reason");
        var refunded = await host.Client.PostAsync($"/api/cards/{LedgerRecords.CardHex}/refund", new { reason = "passenger moved away" }, DeskRequests.NewKey());

        Assert.Equal(HttpStatusCode.OK, refunded.StatusCode);
        var body = await refunded.JsonAsync();
        Assert.Equal("refunded", body.GetProperty("card").GetProperty("status").GetString());
        Assert.Equal(0, body.GetProperty("ledgerBalance").GetInt64());
        Assert.Equal([["refund", "card:" + LedgerRecords.CardHex, "clearing:cash", "1250"]],
            await ReadAsync(database, "select kind, debit_account, credit_account, cast(amount as text) from ledger_transfers where kind = 'refund'"));
        await AssertProblemAsync(await host.Client.PostAsync($"/api/cards/{LedgerRecords.CardHex}/refund", new { reason = "again" }, DeskRequests.NewKey()), HttpStatusCode.Conflict, "refunded");
        await AssertProblemAsync(await host.Client.PostAsync($"/api/cards/{LedgerRecords.CardHex}/loads", new { amount = 100 }, DeskRequests.NewKey()), HttpStatusCode.Conflict, "refunded");
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailMentions)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Contains(detailMentions, problem.GetProperty("detail").GetString());
    }

    internal static async Task<List<string?[]>> ReadAsync(TestDatabase database, string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i).ToString()).ToArray());
        }

        return rows;
    }
}
