using System.Net;
using Backend.Tests.Api;
using Backend.Tests.Cards;
using Backend.Tests.Ledger;
using Xunit;

namespace Backend.Tests.Accounts;

/// <summary>Passenger accounts over HTTP: open, top up, link cards, QR rides charged, and the refusals, on both stores.</summary>
public sealed class AccountDeskTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AnAccountIsOpenedToppedUpLinkedToCardsAndChargedForItsQrRides(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);

        var opened = await host.Client.PostAsync("/api/accounts", new { contactEmail = "rider@example.org" }, DeskRequests.NewKey());
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var account = (await opened.JsonAsync()).GetProperty("account");
        var id = account.GetProperty("accountId").GetInt64();
        Assert.InRange(id, 1, uint.MaxValue);
        Assert.Equal("active", account.GetProperty("status").GetString());

        var loaded = await host.Client.PostAsync($"/api/accounts/{id}/loads", new { amount = 1500 }, DeskRequests.NewKey());
        Assert.Equal(1500, (await loaded.JsonAsync()).GetProperty("balance").GetInt64());
        Assert.Equal(HttpStatusCode.Created, (await host.Client.PostAsync("/api/cards", DeskRequests.Card("04A1B2C3", accountId: id), DeskRequests.NewKey())).StatusCode);
        await host.Client.PostAsync("/api/cards", DeskRequests.Card("04A1B2C4"), DeskRequests.NewKey());
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync("/api/cards/04A1B2C4/account", new { accountId = id }, DeskRequests.NewKey())).StatusCode);
        await using (var store = database.Store().CreateTransactionStore())
        {
            await store.StoreGroupAsync([LedgerRecords.Batch(5, LedgerRecords.Qr(1, (uint)id, 180), LedgerRecords.Qr(2, (uint)id, 220))]);
        }

        var view = await (await host.Client.GetAsync($"/api/accounts/{id}")).JsonAsync();
        Assert.Equal(1500 - 180 - 220, view.GetProperty("balance").GetInt64());
        Assert.Equal(["04A1B2C3", "04A1B2C4"], view.GetProperty("cards").EnumerateArray().Select(c => c.GetProperty("uid").GetString()));
        Assert.Equal(["qr_charge", "qr_charge", "load"], view.GetProperty("recentTransfers").EnumerateArray().Select(t => t.GetProperty("kind").GetString()));
        var audit = await CardDeskTests.ReadAsync(database, "select action, detail from audit_log where action = 'account.open'");
        Assert.DoesNotContain("rider@example.org", audit[0][1]);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheAccountDeskRefusesWhatItCannotDoAndSaysWhy(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        var client = host.Client;
        var id = (await (await client.PostAsync("/api/accounts", new { }, DeskRequests.NewKey())).JsonAsync()).GetProperty("account").GetProperty("accountId").GetInt64();
        var other = (await (await client.PostAsync("/api/accounts", null, DeskRequests.NewKey())).JsonAsync()).GetProperty("account").GetProperty("accountId").GetInt64();
        await client.PostAsync("/api/cards", DeskRequests.Card("04A1B2C3", accountId: other), DeskRequests.NewKey());

        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync("/api/accounts", new { contactEmail = "nobody" }, DeskRequests.NewKey()), "contactEmail");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync("/api/accounts", new { }, null), "Idempotency-Key");
        await ProblemAssert.IsValidationProblemAsync(await client.GetAsync("/api/accounts/0"), "id");
        await ProblemAssert.IsValidationProblemAsync(await client.GetAsync("/api/accounts/4294967296"), "id");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync($"/api/accounts/{id}/loads", new { amount = 0 }, DeskRequests.NewKey()), "amount");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync($"/api/accounts/{id}/loads", new { amount = 1_000_000 }, DeskRequests.NewKey()), "amount");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync($"/api/accounts/{id}/loads", new { amount = 100 }, null), "Idempotency-Key");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync("/api/cards/04A1B2C3/account", new { accountId = 0 }, DeskRequests.NewKey()), "accountId");
        var unknown = id == 1 ? 2 : 1;
        await CardDeskTests.AssertProblemAsync(await client.GetAsync($"/api/accounts/{unknown}"), HttpStatusCode.NotFound, unknown.ToString());
        await CardDeskTests.AssertProblemAsync(await client.PostAsync($"/api/accounts/{unknown}/loads", new { amount = 100 }, DeskRequests.NewKey()), HttpStatusCode.NotFound, unknown.ToString());
        await CardDeskTests.AssertProblemAsync(await client.PostAsync("/api/cards/04A1B2C3/account", new { accountId = unknown }, DeskRequests.NewKey()), HttpStatusCode.UnprocessableEntity, unknown.ToString());
        await CardDeskTests.AssertProblemAsync(await client.PostAsync("/api/cards/04A1B2C3/account", new { accountId = id }, DeskRequests.NewKey()), HttpStatusCode.Conflict, other.ToString());
        await CardDeskTests.AssertProblemAsync(await client.PostAsync("/api/cards/04A1B2C9/account", new { accountId = id }, DeskRequests.NewKey()), HttpStatusCode.NotFound, "04A1B2C9");

        var key = DeskRequests.NewKey();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/accounts/{id}/loads", new { amount = 300 }, key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/accounts/{id}/loads", new { amount = 300 }, key)).StatusCode);
        await CardDeskTests.AssertProblemAsync(await client.PostAsync($"/api/accounts/{id}/loads", new { amount = 301 }, key), HttpStatusCode.Conflict, key);
        await database.ExecuteAsync($"update accounts set status = 'blocked' where account_id = {id}");
        await CardDeskTests.AssertProblemAsync(await client.PostAsync($"/api/accounts/{id}/loads", new { amount = 100 }, DeskRequests.NewKey()), HttpStatusCode.Conflict, "blocked");
        await CardDeskTests.AssertProblemAsync(await client.PostAsync("/api/cards", DeskRequests.Card("04A1B2C5", accountId: id), DeskRequests.NewKey()), HttpStatusCode.Conflict, "blocked");

        Assert.Equal(300, (await (await client.GetAsync($"/api/accounts/{id}")).JsonAsync()).GetProperty("balance").GetInt64());
    }
}
