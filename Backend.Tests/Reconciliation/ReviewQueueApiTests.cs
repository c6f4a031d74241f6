using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Backend.Ingest.Changes;
using Backend.Ingest.Reconciliation;
using Backend.Tests.Api;
using Xunit;
using static Backend.Tests.Reconciliation.Journals;

namespace Backend.Tests.Reconciliation;

/// <summary>The review queue over HTTP: listing, one finding with its evidence, decisions and their refusals.</summary>
public sealed class ReviewQueueApiTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Findings_are_listed_newest_first_and_shown_with_their_evidence(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await StartWithFindingsAsync(database);

        var open = await host.Client.GetFromJsonAsync<JsonElement>("/api/findings?status=open");
        var rows = open.GetProperty("findings").EnumerateArray().ToArray();
        Assert.Equal(3, rows.Length);
        var ids = rows.Select(r => r.GetProperty("id").GetInt64()).ToArray();
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.All(rows, r => Assert.False(r.TryGetProperty("evidence", out _)));

        var byRule = await host.Client.GetFromJsonAsync<JsonElement>("/api/findings?rule=late_blacklist&limit=10");
        var late = Assert.Single(byRule.GetProperty("findings").EnumerateArray());
        Assert.Equal(Hex(Uid(92)), late.GetProperty("cardUid").GetString());
        var byCard = await host.Client.GetFromJsonAsync<JsonElement>($"/api/findings?card={Hex(Uid(91)).ToLowerInvariant()}");
        Assert.Equal(["unregistered_card"], byCard.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()));
        var byAccount = await host.Client.GetFromJsonAsync<JsonElement>("/api/findings?account=93");
        Assert.Equal("account_overdrawn", Assert.Single(byAccount.GetProperty("findings").EnumerateArray()).GetProperty("rule").GetString());

        var one = await host.Client.GetFromJsonAsync<JsonElement>($"/api/findings/{late.GetProperty("id").GetInt64()}");
        Assert.Equal(("late_blacklist", "medium", "review", "open"),
            (one.GetProperty("rule").GetString(), one.GetProperty("severity").GetString(), one.GetProperty("action").GetString(), one.GetProperty("status").GetString()));
        var record = Assert.Single(one.GetProperty("evidence").GetProperty("records").EnumerateArray());
        Assert.Equal((92u, 2u, 7), (record.GetProperty("terminal").GetUInt32(), record.GetProperty("sequence").GetUInt32(), record.GetProperty("counter").GetInt32()));
        Assert.Equal("blocked", one.GetProperty("evidence").GetProperty("figures").GetProperty("cardStatus").GetString());

        await ProblemAssert.IsValidationProblemAsync(await host.Client.GetAsync("/api/findings?status=pending"), "status");
        await ProblemAssert.IsValidationProblemAsync(await host.Client.GetAsync("/api/findings?rule=cloned"), "rule");
        await ProblemAssert.IsValidationProblemAsync(await host.Client.GetAsync("/api/findings?card=XYZ"), "card");
        await ProblemAssert.IsValidationProblemAsync(await host.Client.GetAsync("/api/findings?limit=0"), "limit");
        await ProblemAssert.IsValidationProblemAsync(await host.Client.GetAsync("/api/findings/abc"), "id");
        var unknown = await host.Client.GetAsync("/api/findings/999999");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Confirming_blacklists_the_forged_card_once_dismissing_closes_and_a_second_decision_is_refused(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await StartWithFindingsAsync(database);
        var findings = await StoredFinding.AllAsync(database);
        var forged = Assert.Single(findings, f => f.Rule == "unregistered_card");
        var overdrawn = Assert.Single(findings, f => f.Rule == "account_overdrawn");

        await host.Catalog.RefreshAsync();
        var version = host.Catalog.BlacklistVersion;

        var missingKey = await host.Client.PostAsJsonAsync($"/api/findings/{forged.Id}/decision", new { decision = "confirm", reason = "forged" });
        await ProblemAssert.IsValidationProblemAsync(missingKey, IdempotencyKey.Header);
        await ProblemAssert.IsValidationProblemAsync(await DecideAsync(host, forged.Id, "k-bad", "block", "forged"), "decision");
        await ProblemAssert.IsValidationProblemAsync(await DecideAsync(host, forged.Id, "k-bad", "confirm", " "), "reason");
        await ProblemAssert.IsValidationProblemAsync(await DecideAsync(host, 0, "k-bad", "confirm", "forged"), "id");
        var unknown = await DecideAsync(host, 999_999, "k-unknown", "confirm", "forged");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        var confirmed = await DecideAsync(host, forged.Id, "k-1", "confirm", "MAC keys of version 1 leaked: forged card");
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var decision = await confirmed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(decision.GetProperty("blocked").GetBoolean());
        Assert.Equal(("confirmed", "reviewer-7"),
            (decision.GetProperty("finding").GetProperty("status").GetString(), decision.GetProperty("finding").GetProperty("decidedBy").GetString()));
        Assert.Equal(0, await database.CountAsync("select count(*) from cards where uid = @uid", ("uid", forged.CardUid)));

        // The decision listed the UID in its own transaction; the catalog's copy shows it once it has read the database.
        await host.Catalog.RefreshAsync();
        Assert.Equal(version + 1, host.Catalog.BlacklistVersion);
        Assert.Contains(host.Catalog.Snapshot().Listings, l => l.KeyHex == forged.CardUid && l.Reason == CardBlocker.BlacklistReason);
        await using (var restarted = await ReconciliationHost.StartAsync(database))
        {
            await Backend.Tests.Ingest.Eventually.TrueAsync(
                () => Task.FromResult(restarted.Catalog.Snapshot().Listings.Any(l => l.KeyHex == forged.CardUid)), "the forged UID listed again after a restart");
        }

        // The same request again (a retry): the first answer, nothing done twice.
        var replay = await DecideAsync(host, forged.Id, "k-1", "confirm", "MAC keys of version 1 leaked: forged card");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues(ChangeOutcome.ReplayedHeader).Single());
        await host.Catalog.RefreshAsync();
        Assert.Equal(version + 1, host.Catalog.BlacklistVersion);

        // A second decision under a new key: refused, the finding stays as decided.
        var second = await DecideAsync(host, forged.Id, "k-2", "dismiss", "changed my mind");
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("reviewer-7", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var dismissed = await DecideAsync(host, overdrawn.Id, "k-3", "dismiss", "settlement ran late; account topped up");
        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        Assert.Equal("active", await database.TextAsync("select status from accounts where account_id = 93"));

        Assert.Equal(1, await database.CountAsync(
            "select count(*) from audit_log where actor = 'reviewer-7' and action = 'finding.confirm' and subject = @subject", ("subject", $"finding:{forged.Id}")));
        Assert.Equal(1, await database.CountAsync(
            "select count(*) from audit_log where actor = 'reviewer-7' and action = 'card.block' and subject = @subject", ("subject", $"card:{forged.CardUid}")));
        Assert.Equal(1, await database.CountAsync("select count(*) from audit_log where action = 'finding.dismiss'"));
        var statuses = (await StoredFinding.AllAsync(database)).ToDictionary(f => f.Id, f => f.Status);
        Assert.Equal(("confirmed", "dismissed"), (statuses[forged.Id], statuses[overdrawn.Id]));
    }

    /// <summary>A backend with three open findings: an unregistered card (terminal 91), a lost card tapped late (92), an overdrawn account (93).</summary>
    private static async Task<ReconciliationHost> StartWithFindingsAsync(TestDatabase database)
    {
        await using var journals = new Journals(database);
        await journals.RegisterCardAsync(Uid(92), Morning, status: "blocked");
        await journals.LoadAsync(Uid(92), 1000, Morning.AddHours(-1), "issue");
        await journals.RegisterAccountAsync(93, Morning);
        await journals.UploadAsync(91, Tap(1, Morning.AddHours(1), Uid(91), 3, 250, 750));
        await journals.UploadAsync(92, Tap(1, Morning.AddSeconds(30), Uid(92), 6, 250, 750), Tap(2, Morning.AddHours(2), Uid(92), 7, 250, 500));
        await journals.UploadAsync(93, Journals.Qr(1, Morning.AddHours(1), 93, 0xC0FFEE, 200));
        var host = await ReconciliationHost.StartAsync(database);
        await host.CatchUpAsync();
        Assert.Equal(3, (await StoredFinding.AllAsync(database)).Count);
        return host;
    }

    private static Task<HttpResponseMessage> DecideAsync(ReconciliationHost host, long id, string key, string decision, string reason)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/findings/{id}/decision") { Content = JsonContent.Create(new { decision, reason }) };
        request.Headers.Add(IdempotencyKey.Header, key);
        return host.Client.SendAsync(request);
    }
}
