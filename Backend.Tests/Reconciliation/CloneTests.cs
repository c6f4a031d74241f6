using Backend.Ingest.Reconciliation;
using Backend.Tests.Api;
using Terminal.Firmware.Journal;
using Xunit;
using static Backend.Tests.Reconciliation.Journals;

namespace Backend.Tests.Reconciliation;

/// <summary>
/// The clone of the issue: an earlier dump of a card restored and tapped on another bus. Caught and blocked
/// automatically, listed in a new blacklist version; found once, however often its records are examined.
/// </summary>
public sealed class CloneTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_restored_dump_tapped_on_another_bus_is_blocked_and_blacklisted_once_an_abandoned_write_retried_is_not(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var journals = new Journals(database);
        byte[] card = Uid(70), retried = Uid(71);
        foreach (var uid in new[] { card, retried })
        {
            await journals.RegisterCardAsync(uid, Morning.AddHours(-1));
            await journals.LoadAsync(uid, 1000, Morning.AddHours(-1), "issue");
        }

        // The passenger's card rides bus 71 twice. The other card's first tap there is torn: journaled, then
        // abandoned (the card kept its old state), and tapped again on a route with another fare, same counter.
        TxRecord[] bus71 =
        [
            Tap(1, Morning.AddHours(1), card, 2, 250, 750),
            Tap(2, Morning.AddHours(2), card, 3, 250, 500),
            Tap(3, Morning.AddHours(1), retried, 5, 250, 750),
            Card(TxKind.CardWriteAbandoned, 4, Morning.AddHours(1).AddSeconds(20), retried, 5, 250, 750),
            Tap(5, Morning.AddHours(1).AddSeconds(25), retried, 5, 180, 820, route: 9),
        ];
        await journals.UploadAsync(71, bus71);

        // The clone: the dump taken at counter 1 (10.00), tapped on bus 72 at noon for 1.80: counter 2 again, another balance.
        var clone = Tap(1, Morning.AddHours(4), card, 2, 180, 820, route: 9);
        await using (var host = await ReconciliationHost.StartAsync(database))
        {
            await host.Catalog.RefreshAsync();
            var before = host.Catalog.BlacklistVersion;
            Assert.Equal(1, await journals.UploadAsync(72, clone));
            await host.CatchUpAsync();

            var repeated = Assert.Single(await StoredFinding.AllAsync(database), f => f.Rule == "counter_repeated");
            Assert.Equal((Hex(card), "confirmed", "block", "reconciliation"), (repeated.CardUid, repeated.Status, repeated.Action, repeated.DecidedBy));
            Assert.Equal(["71/1", "72/1"], repeated.RecordKeys);
            Assert.Equal(2, repeated.Figure("counter"));
            Assert.Equal("blocked", await database.TextAsync("select status from cards where uid = @uid", ("uid", Hex(card))));
            Assert.Equal($"finding {repeated.Id} (counter_repeated)", await database.TextAsync("select status_reason from cards where uid = @uid", ("uid", Hex(card))));
            Assert.Equal(1, await database.CountAsync(
                "select count(*) from audit_log where actor = 'reconciliation' and action = 'card.block' and subject = @subject", ("subject", $"card:{Hex(card)}")));
            await Backend.Tests.Ingest.Eventually.TrueAsync(() => Task.FromResult(host.Catalog.BlacklistVersion == before + 1), "a new blacklist version");
            var listing = Assert.Single(host.Catalog.Snapshot().Listings);
            Assert.Equal((Hex(card), CardBlocker.BlacklistReason), (listing.KeyHex, listing.Reason));

            // The same restored dump also went back in counter and showed more than its ledger: queued for review.
            var others = (await StoredFinding.AllAsync(database)).Where(f => f.Rule != "counter_repeated").ToList();
            Assert.Equal(["balance_above_ledger", "counter_went_back"], others.Select(f => f.Rule).Order());
            Assert.All(others, f => Assert.Equal((Hex(card), "open"), (f.CardUid, f.Status)));
            Assert.Equal("active", await database.TextAsync("select status from cards where uid = @uid", ("uid", Hex(retried))));

            // Bus 72 sends the batch again (its ack was lost): stored once, examined once.
            Assert.Equal(0, await journals.UploadAsync(72, clone));
            await host.CatchUpAsync();
            await host.Catalog.RefreshAsync();
            Assert.Equal(before + 1, host.Catalog.BlacklistVersion);
        }

        Assert.Equal(3, (await StoredFinding.AllAsync(database)).Count);

        // A restart: the new process's catalog reads the blocked card's listing from the database, and nothing is found
        // twice, even when every cursor is lost and every record examined again.
        await using (var restarted = await ReconciliationHost.StartAsync(database))
        {
            await Backend.Tests.Ingest.Eventually.TrueAsync(
                () => Task.FromResult(restarted.Catalog.Snapshot().Listings.Any(l => l.KeyHex == Hex(card))), "the blocked card listed after a restart");
            await restarted.CatchUpAsync();
            await database.ExecuteSqlAsync("delete from reconciliation_cursors");
            await restarted.CatchUpAsync();
        }

        var findings = await StoredFinding.AllAsync(database);
        Assert.Equal(3, findings.Count);
        Assert.All(findings, f => Assert.Equal(Hex(card), f.CardUid));
        Assert.Equal(1, await database.CountAsync("select count(*) from audit_log where action = 'card.block'"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Two_backend_processes_examine_each_record_once(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var journals = new Journals(database);
        const int cards = 50;
        for (var n = 0; n < cards; n++)
        {
            await journals.RegisterCardAsync(Uid(1000 + n), Morning.AddHours(-1));
            await journals.LoadAsync(Uid(1000 + n), 5000, Morning.AddHours(-1), "issue");
        }

        await using var first = await ReconciliationHost.StartAsync(database);
        await using var second = await ReconciliationHost.StartAsync(database);

        // Every card rides bus 80 then, 20 s later, bus 81 (a clone each); eight uploads per bus, caught up by both processes at once.
        for (uint part = 0; part < 8; part++)
        {
            var range = Enumerable.Range((int)part * cards / 8, cards / 8).ToArray();
            await journals.UploadAsync(80, range.Select((n, i) => Tap(part * 100 + (uint)i + 1, Morning.AddMinutes(n), Uid(1000 + n), 2, 250, 4750)).ToArray());
            await journals.UploadAsync(81, range.Select((n, i) => Tap(part * 100 + (uint)i + 1, Morning.AddMinutes(n).AddSeconds(20), Uid(1000 + n), 3, 250, 4500)).ToArray());
        }

        await Task.WhenAll(first.CatchUpAsync(), second.CatchUpAsync());

        var findings = await StoredFinding.AllAsync(database);
        Assert.Equal(cards / 8 * 8, findings.Count);
        Assert.All(findings, f => Assert.Equal(("travel_time", "confirmed"), (f.Rule, f.Status)));
        Assert.Equal(findings.Count, findings.Select(f => f.CardUid).Distinct().Count());
        Assert.Equal(findings.Count, await database.CountAsync("select count(*) from audit_log where action = 'card.block'"));

        // One blacklist version per block, numbered in the database whichever process blocked; both processes' catalogs
        // read the same list once refreshed: every blocked card, each once.
        Assert.Equal(findings.Count, await database.CountAsync("select count(*) from blacklist_versions"));
        foreach (var process in new[] { first, second })
        {
            await process.Catalog.RefreshAsync();
            var (version, listings) = process.Catalog.Snapshot();
            Assert.Equal((uint)findings.Count, version);
            Assert.Equal(findings.Select(f => f.CardUid).Order(), listings.Select(l => l.KeyHex).Order());
        }
    }
}
