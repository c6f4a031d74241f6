using Backend.Tests.Api;
using Terminal.Firmware.Journal;
using Xunit;
using static Backend.Tests.Reconciliation.Journals;

namespace Backend.Tests.Reconciliation;

/// <summary>
/// Each card rule on its case and on the honest neighbour case beside it, with real records through the ingest
/// store, the rows the desk and the ledger write, and the hosted reconciliation of a backend process.
/// </summary>
public sealed class CardRuleTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Balance_above_the_ledger_is_found_on_an_edited_card_not_on_a_late_upload_of_yesterdays_taps(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var journals = new Journals(database);
        await using var host = await ReconciliationHost.StartAsync(database);
        var yesterday = Morning.AddDays(-1);
        byte[] honest = Uid(1), edited = Uid(2);
        foreach (var uid in new[] { honest, edited })
        {
            await journals.RegisterCardAsync(uid, yesterday.AddHours(-1));
            await journals.LoadAsync(uid, 1000, yesterday.AddHours(-1), "issue");
        }

        // Today's taps (counters 4, 5) arrive first; bus 20 uploads yesterday's (2, 3) only afterwards; a top-up
        // at the desk this morning pays for today's second ride.
        await journals.LoadAsync(honest, 500, Morning);
        TxRecord[] today = [Tap(1, Morning.AddHours(1), honest, 4, 250, 750), Tap(2, Morning.AddHours(2), honest, 5, 250, 500)];
        TxRecord[] yesterdays = [Tap(1, yesterday.AddHours(1), honest, 2, 250, 750), Tap(2, yesterday.AddHours(2), honest, 3, 250, 500)];
        await journals.UploadAsync(21, today);
        await host.CatchUpAsync();
        await journals.UploadAsync(20, yesterdays);

        // The edited card: loaded 10.00, rode once for 2.50, then shows 50.00 before its next fare.
        var first = Tap(3, Morning.AddHours(1), edited, 2, 250, 750);
        var after = Tap(4, Morning.AddHours(3), edited, 3, 250, 4750);
        await journals.UploadAsync(21, first, after);
        await host.CatchUpAsync();

        var finding = Assert.Single(await StoredFinding.AllAsync(database));
        Assert.Equal(("balance_above_ledger", Hex(edited), "open", "review"), (finding.Rule, finding.CardUid, finding.Status, finding.Action));
        Assert.Equal(["21/4"], finding.RecordKeys);
        Assert.Equal(5000, finding.Figure("reportedBalanceBefore"));
        Assert.Equal(750, finding.Figure("ledgerAllows"));
        Assert.Equal(4250, finding.Figure("excess"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_counter_going_back_is_queued_for_review_counters_in_order_on_skewed_clocks_are_not(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var journals = new Journals(database);
        await using var host = await ReconciliationHost.StartAsync(database);
        byte[] honest = Uid(3), restored = Uid(4);
        foreach (var uid in new[] { honest, restored })
        {
            await journals.RegisterCardAsync(uid, Morning.AddHours(-1));
            await journals.LoadAsync(uid, 2000, Morning.AddHours(-1), "issue");
        }

        // Honest: counters 1, 2, 3 on three buses; the change from bus 31 to 32 took 90 s, but bus 32's clock runs
        // 200 s behind (within the 300 s tolerance), so its tap looks 110 s earlier than bus 31's.
        await journals.UploadAsync(31, Tap(1, Morning.AddMinutes(10), honest, 1, 250, 1750));
        await journals.UploadAsync(32, Tap(1, Morning.AddMinutes(10).AddSeconds(90 - 200), honest, 2, 250, 1500));
        await journals.UploadAsync(33, Tap(1, Morning.AddMinutes(90), honest, 3, 250, 1250));

        // Restored: counters 10 and 11 in the morning, then at noon a write with counter 8 (a dump from before).
        await journals.UploadAsync(31, Tap(2, Morning.AddHours(1), restored, 10, 250, 1750), Tap(3, Morning.AddHours(2), restored, 11, 250, 1500));
        await host.CatchUpAsync();
        await journals.UploadAsync(34, Tap(1, Morning.AddHours(4), restored, 8, 250, 1750));
        await host.CatchUpAsync();

        var finding = Assert.Single(await StoredFinding.AllAsync(database), f => f.Rule == "counter_went_back");
        Assert.Equal((Hex(restored), "open", "review"), (finding.CardUid, finding.Status, finding.Action));
        Assert.Equal(["31/3", "34/1"], finding.RecordKeys);
        Assert.Equal((11, 8), (finding.Figure("earlierCounter"), finding.Figure("laterCounter")));
        Assert.DoesNotContain(await StoredFinding.AllAsync(database), f => f.CardUid == Hex(honest));
        Assert.Equal("active", await database.TextAsync("select status from cards where uid = @uid", ("uid", Hex(restored))));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Two_buses_closer_than_travel_allows_block_the_card_two_buses_an_hour_apart_do_not(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var journals = new Journals(database);
        await using var host = await ReconciliationHost.StartAsync(database);
        byte[] honest = Uid(5), cloned = Uid(6);
        foreach (var uid in new[] { honest, cloned })
        {
            await journals.RegisterCardAsync(uid, Morning.AddHours(-1));
            await journals.LoadAsync(uid, 1000, Morning.AddHours(-1), "issue");
        }

        await journals.UploadAsync(41, Tap(1, Morning.AddHours(1), honest, 2, 250, 750), Tap(2, Morning.AddHours(1), cloned, 2, 250, 750));
        await journals.UploadAsync(42, Tap(1, Morning.AddHours(2), honest, 3, 250, 500), Tap(2, Morning.AddHours(1).AddSeconds(25), cloned, 3, 250, 500));
        await host.CatchUpAsync();

        var finding = Assert.Single(await StoredFinding.AllAsync(database));
        Assert.Equal(("travel_time", Hex(cloned), "confirmed", "block", "reconciliation"), (finding.Rule, finding.CardUid, finding.Status, finding.Action, finding.DecidedBy));
        Assert.Equal(["41/2", "42/2"], finding.RecordKeys);
        Assert.Equal(25, finding.Figure("secondsApart"));
        Assert.Equal("blocked", await database.TextAsync("select status from cards where uid = @uid", ("uid", Hex(cloned))));
        Assert.Equal("active", await database.TextAsync("select status from cards where uid = @uid", ("uid", Hex(honest))));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task An_unregistered_card_and_a_blocked_card_accepted_after_the_grace_are_found(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var journals = new Journals(database);
        await using var host = await ReconciliationHost.StartAsync(database);
        byte[] forged = Uid(7), lost = Uid(8);
        await journals.RegisterCardAsync(lost, Morning, status: "lost");
        await journals.LoadAsync(lost, 1000, Morning.AddHours(-1), "issue");

        // Within the 120 s grace the fleet may not have the blacklist yet; bus 52 an hour later should have had it.
        await journals.UploadAsync(51, Tap(1, Morning.AddMinutes(1), lost, 5, 250, 750), Tap(2, Morning.AddMinutes(2), forged, 1, 250, 9750));
        await journals.UploadAsync(52, Tap(1, Morning.AddHours(1), lost, 6, 250, 500));
        await host.CatchUpAsync();

        var findings = await StoredFinding.AllAsync(database);
        Assert.Equal(2, findings.Count);
        var unregistered = Assert.Single(findings, f => f.Rule == "unregistered_card");
        Assert.Equal((Hex(forged), "open", "51/2"), (unregistered.CardUid, unregistered.Status, string.Join(",", unregistered.RecordKeys)));
        var late = Assert.Single(findings, f => f.Rule == "late_blacklist");
        Assert.Equal((Hex(lost), "open", "52/1"), (late.CardUid, late.Status, string.Join(",", late.RecordKeys)));
        Assert.Equal(3600 - 120, late.Figure("acceptedSecondsAfterGrace"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task An_account_overdrawn_by_a_cent_is_found_an_account_spent_to_exactly_zero_is_not(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var journals = new Journals(database);
        await using var host = await ReconciliationHost.StartAsync(database);
        await journals.RegisterAccountAsync(77, Morning);
        await journals.RegisterAccountAsync(78, Morning);
        await journals.TransferAsync("load", "clearing:payments", "account:77", 500, Morning);
        await journals.TransferAsync("load", "clearing:payments", "account:78", 500, Morning);

        // The ingest posts each ride's qr_charge as it stores it: 5.01 against 5.00 on one, 5.00 against 5.00 on the other.
        await journals.UploadAsync(61, Journals.Qr(1, Morning.AddHours(1), 77, 0xA1A2A3A4A5A6A7A8, 501), Journals.Qr(2, Morning.AddHours(1), 78, 0xB1, 500));
        await host.CatchUpAsync();

        var finding = Assert.Single(await StoredFinding.AllAsync(database));
        Assert.Equal(("account_overdrawn", (long?)77, "open", "61/1"), (finding.Rule, finding.AccountId, finding.Status, string.Join(",", finding.RecordKeys)));
        Assert.Equal((-1, 500, 501), (finding.Figure("ledgerBalance"), finding.Figure("ledgerCredits"), finding.Figure("ledgerDebits")));
        Assert.Equal(2, await database.CountAsync("select count(*) from ledger_transfers where kind = 'qr_charge'"));
    }
}
