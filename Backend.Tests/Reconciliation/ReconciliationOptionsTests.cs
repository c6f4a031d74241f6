using Backend.Tests.Api;
using Xunit;

namespace Backend.Tests.Reconciliation;

/// <summary>A policy that names no rule, or would block on a rule without a card, stops the backend at start with the reason.</summary>
public sealed class ReconciliationOptionsTests
{
    [Theory]
    [InlineData("sqlite", "cloned", "Block", "names 'cloned', which is not a rule")]
    [InlineData("postgres", "account_overdrawn", "Block", "concerns a QR account, not a card")]
    public async Task A_policy_the_rules_cannot_follow_is_refused_at_start(string kind, string rule, string action, string reason)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ReconciliationHost.StartAsync(
            database, new Dictionary<string, string?> { [$"Backend:Reconciliation:Actions:{rule}"] = action }));
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_rule_set_to_review_blocks_nothing(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var journals = new Journals(database);
        var card = Journals.Uid(400);
        await journals.RegisterCardAsync(card, Journals.Morning);
        await journals.LoadAsync(card, 1000, Journals.Morning, "issue");
        await using var host = await ReconciliationHost.StartAsync(database, new Dictionary<string, string?>
        {
            ["Backend:Reconciliation:Actions:travel_time"] = "Review",
        });
        await journals.UploadAsync(401, Journals.Tap(1, Journals.Morning.AddHours(1), card, 2, 250, 750));
        await journals.UploadAsync(402, Journals.Tap(1, Journals.Morning.AddHours(1).AddSeconds(10), card, 3, 250, 500));
        await host.CatchUpAsync();

        var finding = Assert.Single(await StoredFinding.AllAsync(database));
        Assert.Equal(("travel_time", "open", "review"), (finding.Rule, finding.Status, finding.Action));
        Assert.Equal("active", await database.TextAsync("select status from cards where uid = @uid", ("uid", Journals.Hex(card))));
        Assert.Equal(0, await database.CountAsync("select count(*) from blacklist_versions"));
        await host.Catalog.RefreshAsync();
        Assert.Equal(0u, host.Catalog.BlacklistVersion);
    }
}
