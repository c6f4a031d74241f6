using System.Net;
using Backend.Tests.Api;
using FsCheck;
using FsCheck.Fluent;
using Terminal.Firmware.Journal;
using Xunit;

namespace Backend.Tests.Ledger;

/// <summary>
/// For any sequence of desk loads and journal records (taps, top-ups, abandoned writes, QR rides, refusals),
/// delivered in any grouping and redelivered, the ledger sums to zero and each card holds loads less charges.
/// </summary>
public sealed class LedgerPropertyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>One step of a day: a desk load of a card, or a record a terminal journals about a card or the account.</summary>
    public sealed record Step(bool DeskLoad, TxKind Kind, int Card, int Amount, int Terminal);

    private static readonly Gen<Step> Steps =
        from deskLoad in Gen.Elements(true, false, false)
        from kind in Gen.Elements(TxKind.CardTapAccepted, TxKind.CardTapAccepted, TxKind.TopUp, TxKind.CardWriteAbandoned, TxKind.CardWriteCompleted, TxKind.QrAccepted, TxKind.Refusal)
        from card in Gen.Choose(0, 2)
        from amount in Gen.Choose(0, 5000)
        from terminal in Gen.Choose(1, 3)
        select new Step(deskLoad, kind, card, amount, terminal);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AnyDaySumsToZeroAndEachCardHoldsItsLoadsLessItsCharges(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await ApiHost.StartAsync(database, Now);
        var account = (await (await host.Client.PostAsync("/api/accounts", new { }, DeskRequests.NewKey())).JsonAsync()).GetProperty("account").GetProperty("accountId").GetInt64();
        var day = 0;

        var property = Prop.ForAll(Gen.ListOf(Steps).Select(steps => steps.ToArray()).ToArbitrary(), steps =>
            Task.Run(() => HoldsAsync(host, database, (uint)account, ++day, steps)).GetAwaiter().GetResult());

        var days = kind == "sqlite" ? 40 : 25;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(days), property);
        Assert.Equal(days, day);
    }

    /// <summary>Plays one day on fresh cards and terminals, then checks the books from the transfers themselves.</summary>
    private static async Task<bool> HoldsAsync(ApiHost host, TestDatabase database, uint account, int day, Step[] steps)
    {
        var uids = Enumerable.Range(0, 3).Select(c => new byte[] { 0x04, (byte)(day >> 8), (byte)day, (byte)c }).ToArray();
        var hex = uids.Select(Convert.ToHexString).ToArray();
        foreach (var uid in hex)
        {
            Assert.Equal(HttpStatusCode.Created, (await host.Client.PostAsync("/api/cards", DeskRequests.Card(uid, firstLoad: null), DeskRequests.NewKey())).StatusCode);
        }

        var expected = new long[3];
        var records = new Dictionary<int, List<TxRecord>>();
        foreach (var step in steps)
        {
            if (step.DeskLoad && step.Amount > 0)
            {
                var key = DeskRequests.NewKey();
                Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync($"/api/cards/{hex[step.Card]}/loads", new { amount = step.Amount }, key)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync($"/api/cards/{hex[step.Card]}/loads", new { amount = step.Amount }, key)).StatusCode);
                expected[step.Card] += step.Amount;
                continue;
            }

            var journal = records.TryGetValue(step.Terminal, out var list) ? list : records[step.Terminal] = [];
            var sequence = (uint)journal.Count + 1;
            journal.Add(step.Kind == TxKind.QrAccepted
                ? LedgerRecords.Qr(sequence, account, step.Amount)
                : LedgerRecords.Card(step.Kind, sequence, step.Kind == TxKind.Refusal ? 0 : step.Amount, uids[step.Card]));
            expected[step.Card] += step.Kind switch
            {
                TxKind.CardTapAccepted => -step.Amount,
                TxKind.TopUp or TxKind.CardWriteAbandoned => step.Amount,
                _ => 0,
            };
        }

        await using (var store = database.Store().CreateTransactionStore())
        {
            foreach (var (terminal, journal) in records)
            {
                var id = (uint)(day * 10 + terminal);
                var half = journal.Count / 2;
                // Delivered out of order, then all of it again, as a terminal resending after lost acks.
                if (journal.Count > half && half > 0)
                {
                    await store.StoreGroupAsync([LedgerRecords.Batch(id, [.. journal.Skip(half)]), LedgerRecords.Batch(id, [.. journal.Take(half)])]);
                }

                await store.StoreGroupAsync([LedgerRecords.Batch(id, [.. journal])]);
            }
        }

        var transfers = await LedgerBook.TransfersAsync(() => database.DataSource.CreateConnection());
        var balances = LedgerBook.Balances(transfers);
        Assert.Equal(0, balances.Values.Sum());
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(expected[c], balances.GetValueOrDefault("card:" + hex[c]));
        }

        Assert.Equal(transfers.Count(t => t.Terminal is not null), transfers.Where(t => t.Terminal is not null).Select(t => (t.Terminal, t.Sequence, t.Leg)).Distinct().Count());
        return true;
    }
}
