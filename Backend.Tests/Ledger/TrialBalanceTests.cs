using System.Net;
using Backend.Tests.Api;
using Backend.Tests.Cards;
using Backend.Tests.Storage;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Ledger;

/// <summary>The trial balance after a mixed day, and manual adjustments, over HTTP on both stores.</summary>
public sealed class TrialBalanceTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 18, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AfterAMixedDayEveryClassHoldsWhatHappenedAndTheTotalIsZero(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        var client = host.Client;
        var account = (await (await client.PostAsync("/api/accounts", new { }, DeskRequests.NewKey())).JsonAsync()).GetProperty("account").GetProperty("accountId").GetInt64();
        await client.PostAsync($"/api/accounts/{account}/loads", new { amount = 1000 }, DeskRequests.NewKey());
        await client.PostAsync("/api/cards", DeskRequests.Card(LedgerRecords.CardHex, firstLoad: 2000), DeskRequests.NewKey());
        await client.PostAsync("/api/cards", DeskRequests.Card("04A1B2C3", firstLoad: 500), DeskRequests.NewKey());
        await client.PostAsync($"/api/cards/{LedgerRecords.CardHex}/loads", new { amount = 300, paidBy = "payment" }, DeskRequests.NewKey());
        await using (var store = database.Store().CreateTransactionStore())
        {
            await store.StoreGroupAsync([
                LedgerRecords.Batch(1,
                    LedgerRecords.Card(TxKind.CardTapAccepted, 1, 250),
                    LedgerRecords.Qr(2, (uint)account, 180),
                    LedgerRecords.Card(TxKind.CardTapAccepted, 3, 250),
                    LedgerRecords.Card(TxKind.CardWriteAbandoned, 4, 250),
                    LedgerRecords.Card(TxKind.Refusal, 5, 0)),
                LedgerRecords.Batch(2, LedgerRecords.Card(TxKind.TopUp, 1, 1000, [0x04, 0xA1, 0xB2, 0xC3]))]);
        }

        await client.PostAsync("/api/cards/04A1B2C3/refund", new { reason = "card damaged" }, DeskRequests.NewKey());
        var adjusted = await client.PostAsync("/api/ledger/adjustments", new { account = "revenue:fares", amount = -40, reason = "fare refunded to a passenger in cash" }, DeskRequests.NewKey());
        Assert.Equal(HttpStatusCode.Created, adjusted.StatusCode);

        var trial = await (await client.GetAsync("/api/ledger/trial-balance")).JsonAsync();
        var classes = trial.GetProperty("classes").EnumerateArray().ToDictionary(c => c.GetProperty("accountClass").GetString()!, c => c.GetProperty("balance").GetInt64());
        Assert.Equal(new Dictionary<string, long>
        {
            ["account"] = 1000 - 180,
            ["card"] = 2000 + 300 - 250,
            ["clearing"] = -(1000 + 2000 + 500 + 300 + 1000) + 1500,
            ["equity"] = 40,
            ["revenue"] = 250 + 180 - 40,
        }, classes);
        Assert.Equal(0, trial.GetProperty("total").GetInt64());
        Assert.True(trial.GetProperty("balanced").GetBoolean());
        Assert.Equal(11, trial.GetProperty("transfers").GetInt64());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AnAdjustmentNeedsAnAccountAnAmountAndAReasonAndIsAudited(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        var client = host.Client;

        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync("/api/ledger/adjustments", new { account = "card:XYZ", amount = 10, reason = "r" }, DeskRequests.NewKey()), "account");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync("/api/ledger/adjustments", new { account = "equity:adjustment", amount = 10, reason = "r" }, DeskRequests.NewKey()), "account");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync("/api/ledger/adjustments", new { account = "card:04A1B2C3", amount = 0, reason = "r" }, DeskRequests.NewKey()), "amount");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync("/api/ledger/adjustments", new { account = "card:04A1B2C3", amount = 10 }, DeskRequests.NewKey()), "reason");
        await ProblemAssert.IsValidationProblemAsync(await client.PostAsync("/api/ledger/adjustments", new { account = "card:04A1B2C3", amount = 10, reason = "r" }, null), "Idempotency-Key");

        var key = DeskRequests.NewKey();
        var adjustment = new { account = "card:04a1b2c3", amount = 120, reason = "tap charged twice by a faulty reader" };
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/ledger/adjustments", adjustment, key)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/ledger/adjustments", adjustment, key)).StatusCode);

        Assert.Equal([["adjustment", "equity:adjustment", "card:04A1B2C3", "120"]],
            await CardDeskTests.ReadAsync(database, "select kind, debit_account, credit_account, cast(amount as text) from ledger_transfers"));
        Assert.Equal([["ledger.adjust", "card:04A1B2C3", "tap charged twice by a faulty reader"]],
            await CardDeskTests.ReadAsync(database, "select action, subject, reason from audit_log where actor <> 'test-setup'"));
    }
}
