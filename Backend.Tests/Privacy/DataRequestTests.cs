using System.Net;
using Backend.Ingest.Changes;
using Backend.Ingest.Identity;
using Backend.Tests.Api;
using Backend.Tests.Cards;
using Backend.Tests.Ledger;
using Xunit;

namespace Backend.Tests.Privacy;

/// <summary>A passenger's requests at the desk: export everything, erase once the money is out, on both stores.</summary>
public sealed class DataRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheExportHoldsTheAccountsDataAndIsAudited(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        var id = await OpenAsync(host, 400);
        await host.Client.PostAsync("/api/cards", DeskRequests.Card(LedgerRecords.CardHex, firstLoad: 1000, accountId: id), DeskRequests.NewKey());
        await RideAsync(database, id, 180);

        var response = await host.Client.GetAsync($"/api/accounts/{id}/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var export = await response.JsonAsync();
        Assert.Equal("ana@example.org", export.GetProperty("account").GetProperty("contactEmail").GetString());
        Assert.Equal(400 - 180, export.GetProperty("balance").GetInt64());
        var card = Assert.Single(export.GetProperty("cards").EnumerateArray());
        Assert.Equal(LedgerRecords.CardHex, card.GetProperty("registration").GetProperty("uid").GetString());
        Assert.Equal(1000, card.GetProperty("balance").GetInt64());
        Assert.Equal(["QrAccepted"], export.GetProperty("trips").EnumerateArray().Select(trip => trip.GetProperty("kind").GetString()));
        Assert.Equal(3, export.GetProperty("transfers").GetArrayLength());

        var audit = await CardDeskTests.ReadAsync(database, "select subject, detail from audit_log where action = 'account.export'");
        Assert.Contains(id.ToString(), Assert.Single(audit)[0]);
        Assert.DoesNotContain("ana@example.org", audit[0][1] ?? "");
        await host.Client.GetAsync($"/api/accounts/{id}/export");
        Assert.Equal(2, (await CardDeskTests.ReadAsync(database, "select subject from audit_log where action = 'account.export'")).Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ErasureIsRefusedWhileMoneyIsHeldThenErasesOnceByItsIdempotencyKey(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        var id = await OpenAsync(host, 400);
        await host.Client.PostAsync("/api/cards", DeskRequests.Card(LedgerRecords.CardHex, firstLoad: null, accountId: id), DeskRequests.NewKey());

        await CardDeskTests.AssertProblemAsync(await host.Client.PostAsync($"/api/accounts/{id}/erase", new { }, DeskRequests.NewKey()),
            HttpStatusCode.Conflict, "refund it");
        await ProblemAssert.IsValidationProblemAsync(await host.Client.PostAsync($"/api/accounts/{id}/erase", new { }, null), "Idempotency-Key");
        await RideAsync(database, id, 400);

        var key = DeskRequests.NewKey();
        var erased = await host.Client.PostAsync($"/api/accounts/{id}/erase", new { }, key);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var body = await erased.JsonAsync();
        Assert.Equal(1, body.GetProperty("cardsUnlinked").GetInt32());
        Assert.Equal(1, body.GetProperty("tripsUnlinked").GetInt32());
        var replay = await host.Client.PostAsync($"/api/accounts/{id}/erase", new { }, key);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues(ChangeOutcome.ReplayedHeader).Single());
        Assert.Equal(body.ToString(), (await replay.JsonAsync()).ToString());

        var account = await CardDeskTests.ReadAsync(database, $"select status, contact_email_hash, contact_name_hash from accounts where account_id = {id}");
        Assert.Equal([["closed", null, null]], account);
        Assert.Null(await ContactSealingTests.SealedBoxAsync(database, id));
        Assert.Equal([[null, null]], await CardDeskTests.ReadAsync(database, "select account_id, token_id from transactions"));
        Assert.Equal([[null]], await CardDeskTests.ReadAsync(database, $"select account_id from cards where uid = '{LedgerRecords.CardHex}'"));
        Assert.Single(await CardDeskTests.ReadAsync(database, "select detail from audit_log where action = 'account.erase'"));
        Assert.Equal(0, LedgerBook.Balances(await LedgerBook.TransfersAsync(() => database.DataSource.CreateConnection())).Values.Sum());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task StaffWithoutHandleDataRequestsMayNeitherExportNorErase(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        var id = await OpenAsync(host, null);
        var finance = await host.ClientAsync("finance-1", [StaffRoles.Finance, StaffRoles.Operations, StaffRoles.Auditor]);

        Assert.Equal(HttpStatusCode.Forbidden, (await finance.GetAsync($"/api/accounts/{id}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.PostAsync($"/api/accounts/{id}/erase", new { }, DeskRequests.NewKey())).StatusCode);
        Assert.Equal([["active"]], await CardDeskTests.ReadAsync(database, $"select status from accounts where account_id = {id}"));
        Assert.Empty(await CardDeskTests.ReadAsync(database, "select action from audit_log where action in ('account.export', 'account.erase')"));
    }

    private static async Task<long> OpenAsync(ApiHost host, long? load)
    {
        var opened = await host.Client.PostAsync("/api/accounts", new { contactName = "Ana Lind", contactEmail = "ana@example.org" }, DeskRequests.NewKey());
        var id = (await opened.JsonAsync()).GetProperty("account").GetProperty("accountId").GetInt64();
        if (load is { } amount)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync($"/api/accounts/{id}/loads", new { amount }, DeskRequests.NewKey())).StatusCode);
        }

        return id;
    }

    private static async Task RideAsync(TestDatabase database, long accountId, int amount)
    {
        await using var store = database.Store().CreateTransactionStore();
        await store.StoreGroupAsync([LedgerRecords.Batch(5, LedgerRecords.Qr(1, (uint)accountId, amount))]);
    }
}
