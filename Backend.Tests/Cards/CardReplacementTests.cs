using System.Net;
using Backend.Ingest.Storage;
using Backend.Tests.Api;
using Backend.Tests.Ledger;
using Terminal.Firmware.Journal;
using Xunit;
using static Backend.Tests.Cards.CardDeskTests;

namespace Backend.Tests.Cards;

/// <summary>
/// A lost or stolen card replaced over HTTP, on both stores: the old card blocked and listed, its balance moved to
/// pending loads for the new card, the new card registered and linked to the account; every refusal; and the old
/// card's taps that arrive after the move posting as debt on it, so no cent is lost.
/// </summary>
public sealed class CardReplacementTests
{
    private const string OldUid = LedgerRecords.CardHex;
    private const string NewUid = "04C0FFEE000001";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AReplacementBlocksTheOldCardAndMovesItsBalanceToPendingLoadsForTheNewCardOfTheSameAccount(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        var account = (await (await host.Client.PostAsync("/api/accounts", new { }, DeskRequests.NewKey())).JsonAsync()).GetProperty("account").GetProperty("accountId").GetInt64();
        await host.Client.PostAsync("/api/cards", DeskRequests.Card(OldUid, firstLoad: 1850, accountId: account), DeskRequests.NewKey());

        var answer = await host.Client.PostAsync($"/api/cards/{OldUid.ToLowerInvariant()}/replacement", Order(NewUid, register: true), DeskRequests.NewKey());

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = await answer.JsonAsync();
        Assert.Equal((1850L, 1), (body.GetProperty("moved").GetInt64(), body.GetProperty("loadIds").GetArrayLength()));
        Assert.Equal(1u, body.GetProperty("blacklistVersion").GetUInt32());
        Assert.Equal(account, body.GetProperty("newCard").GetProperty("card").GetProperty("accountId").GetInt64());
        Assert.Equal(0, body.GetProperty("newCard").GetProperty("ledgerBalance").GetInt64());
        Assert.Equal([["replaced"]], await ReadAsync(database, $"select status from cards where uid = '{OldUid}'"));
        Assert.Equal([["active", "0", account.ToString(System.Globalization.CultureInfo.InvariantCulture)]],
            await ReadAsync(database, $"select status, card_type, account_id from cards where uid = '{NewUid}'"));
        Assert.Equal([["2"]], await ReadAsync(database, $"select reason from blacklist_listings where entry_key = '{OldUid}'"));
        Assert.Equal([[NewUid, "1850", "pending", "card:" + OldUid]], await ReadAsync(database, "select card_uid, amount, status, funding_account from pending_loads"));
        Assert.Equal([[NewUid, "stolen", "1850", "desk-7"]], await ReadAsync(database, "select new_uid, loss, moved, replaced_by from card_replacements"));
        var balances = await Loads.PendingLoadTestSupport.BalancesAsync(database.DataSource);
        Assert.Equal((0L, 1850L), (balances["card:" + OldUid], balances["loads:pending"]));
        Assert.False(balances.ContainsKey("card:" + NewUid));
        Assert.Equal(["card.register", "card.register", "card.block", "load.create", "card.replace"],
            (await ReadAsync(database, "select action from audit_log where action in ('card.register', 'card.block', 'load.create', 'card.replace') order by audit_id")).Select(r => r[0]));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ABalanceLargerThanOneLoadTravelsAsSeveralAndAReportedLostCardIsNotListedTwice(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        await host.Client.PostAsync("/api/cards", DeskRequests.Card(OldUid, firstLoad: 50_000), DeskRequests.NewKey());
        await host.Client.PostAsync($"/api/cards/{OldUid}/loads", new { amount = 30_000 }, DeskRequests.NewKey());
        await host.Client.PostAsync("/api/cards", DeskRequests.Card(NewUid, firstLoad: 100), DeskRequests.NewKey());
        await using (var lost = await database.DataSource.OpenConnectionAsync())
        {
            await using var mark = lost.CreateCommand();
            mark.CommandText = $"update cards set status = 'lost' where uid = '{OldUid}'";
            await mark.ExecuteNonQueryAsync();
        }

        var answer = await host.Client.PostAsync($"/api/cards/{OldUid}/replacement", Order(NewUid, register: false, loss: "lost"), DeskRequests.NewKey());

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = await answer.JsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("blacklistVersion").ValueKind);
        Assert.Equal(100, body.GetProperty("newCard").GetProperty("ledgerBalance").GetInt64());
        Assert.Equal([["65535"], ["14465"]], await ReadAsync(database, $"select amount from pending_loads where card_uid = '{NewUid}' order by load_id"));
        Assert.Equal([["0"]], await ReadAsync(database, "select count(*) from blacklist_versions"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TapsOfTheOldCardArrivingAfterTheMovePostAsDebtOnItAndTheLedgerStillBalances(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        await host.Client.PostAsync("/api/cards", DeskRequests.Card(OldUid, firstLoad: 2000), DeskRequests.NewKey());
        await host.Client.PostAsync($"/api/cards/{OldUid}/replacement", Order(NewUid, register: true), DeskRequests.NewKey());

        // A bus that had not yet taken the blacklist let the old card ride twice, offline; its records come in later.
        await using (var store = database.Store().CreateTransactionStore())
        {
            await store.StoreGroupAsync([LedgerRecords.Batch(12, LedgerRecords.Card(TxKind.CardTapAccepted, 1, 250), LedgerRecords.Card(TxKind.CardTapAccepted, 2, 250))]);
        }

        var balances = await Loads.PendingLoadTestSupport.BalancesAsync(database.DataSource);
        Assert.Equal((-500L, 2000L, 500L), (balances["card:" + OldUid], balances["loads:pending"], balances["revenue:fares"]));
        Assert.Equal(0L, balances.Values.Sum());
        var card = await (await host.Client.GetAsync($"/api/cards/{OldUid}")).JsonAsync();
        Assert.Equal((-500L, "replaced"), (card.GetProperty("ledgerBalance").GetInt64(), card.GetProperty("card").GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ARetriedReplacementWithTheSameKeyMovesOnceAndAnotherKeyIsRefusedAsMovedAlready(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        await host.Client.PostAsync("/api/cards", DeskRequests.Card(OldUid, firstLoad: 2000), DeskRequests.NewKey());
        var key = DeskRequests.NewKey();

        var first = await host.Client.PostAsync($"/api/cards/{OldUid}/replacement", Order(NewUid, register: true), key);
        var retry = await host.Client.PostAsync($"/api/cards/{OldUid}/replacement", Order(NewUid, register: true), key);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        await ProblemAssert.HasDetailAsync(await host.Client.PostAsync($"/api/cards/{OldUid}/replacement", Order("04C0FFEE000002", register: true), DeskRequests.NewKey()),
            HttpStatusCode.Conflict, $"was replaced by {NewUid}");
        Assert.Equal([["1"]], await ReadAsync(database, "select count(*) from pending_loads"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheReplacementRefusesWhatItCannotDoAndSaysWhy(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now, new Dictionary<string, string?> { ["Backend:Ledger:MaxLoad"] = "9000000" });
        var client = host.Client;
        await client.PostAsync("/api/cards", DeskRequests.Card(OldUid), DeskRequests.NewKey());
        await client.PostAsync("/api/cards", DeskRequests.Card("04B10CED000001", firstLoad: null), DeskRequests.NewKey());
        await client.PostAsync("/api/cards/04B10CED000001/refund", new { reason = "returned" }, DeskRequests.NewKey());
        await client.PostAsync("/api/cards", DeskRequests.Card("04FA0000000001", firstLoad: 8_387_000), DeskRequests.NewKey());

        var path = $"/api/cards/{OldUid}/replacement";
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync(path, Order(OldUid.ToLowerInvariant(), register: false), DeskRequests.NewKey()), "newUid");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync(path, Order("04C0FF", register: false), DeskRequests.NewKey()), "newUid");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync(path, Order(NewUid, register: false, loss: "mislaid"), DeskRequests.NewKey()), "loss");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync(path, new { newUid = NewUid, loss = "lost", reason = " " }, DeskRequests.NewKey()), "reason");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync(path, new { newUid = NewUid, loss = "lost", reason = "r", keyVersion = 1, issuedBy = "desk" }, DeskRequests.NewKey()), "expiryDay");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync(path, Order(NewUid, register: true), null), "Idempotency-Key");
        await ProblemAssert.HasDetailAsync(await client.PostAsync("/api/cards/04DEAD00000001/replacement", Order(NewUid, register: true), DeskRequests.NewKey()),
            HttpStatusCode.NotFound, "04DEAD00000001 is not in the registry");
        await ProblemAssert.HasDetailAsync(await client.PostAsync(path, Order(NewUid, register: false), DeskRequests.NewKey()),
            HttpStatusCode.UnprocessableEntity, $"Card {NewUid} is not in the registry");
        await ProblemAssert.HasDetailAsync(await client.PostAsync(path, Order("04B10CED000001", register: false), DeskRequests.NewKey()),
            HttpStatusCode.Conflict, "Card 04B10CED000001 is refunded: only an active card can take over a balance");
        await ProblemAssert.HasDetailAsync(await client.PostAsync(path, Order("04FA0000000001", register: false), DeskRequests.NewKey()),
            HttpStatusCode.Conflict, "would pass the 83886.07 a card can hold");
        await ProblemAssert.HasDetailAsync(await client.PostAsync("/api/cards/04B10CED000001/replacement", Order(NewUid, register: true), DeskRequests.NewKey()),
            HttpStatusCode.Conflict, "only an active card or one reported lost can be replaced");

        Assert.Equal([["active"]], await ReadAsync(database, $"select status from cards where uid = '{OldUid}'"));
        Assert.Equal([["0"]], await ReadAsync(database, "select count(*) from card_replacements"));
        Assert.Equal([["0"]], await ReadAsync(database, "select count(*) from pending_loads"));
    }

    /// <summary>A replacement order by <paramref name="newUid"/>, registering the new card when <paramref name="register"/>.</summary>
    internal static object Order(string newUid, bool register, string loss = "stolen") => register
        ? new { newUid, loss, reason = "stolen on bus 12, reported at desk 7", keyVersion = 1, expiryDay = "2031-12-31", issuedBy = "desk 7, central station" }
        : new { newUid, loss, reason = "stolen on bus 12, reported at desk 7", keyVersion = (int?)null, expiryDay = (string?)null, issuedBy = (string?)null };
}
