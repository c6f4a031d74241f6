using System.Net;
using Backend.Ingest.Changes;
using Backend.Ingest.Feedback;
using Backend.Ingest.Identity;
using Backend.Tests.Api;
using Backend.Tests.Ledger;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Backend.Tests.Feedback;

/// <summary>POST /api/feedback from a passenger, and the staff's triage, counts and audit, over HTTP on both databases.</summary>
public sealed class FeedbackApiTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Card = [0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task APassengerSubmitsOnceWithoutSigningInAndCustomerServiceTriageItLinkingTheCardAndTripWithEveryStepAudited(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.InsertAsync(3, Now, StoredRecords.CardTap(41, Now.AddHours(-2), Card, 250, 750));
        await using var host = await StartAsync(database);

        using var passenger = await host.ClientAsync("passenger", null);
        var key = DeskRequests.NewKey();
        var submission = new { topic = "fares", message = "I was charged twice on route 7 this morning.", contact = " ana@example.org ", cardUid = "04112233445566" };
        using var submitted = await passenger.PostAsync("/api/feedback", submission, key);
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var item = await submitted.JsonAsync();
        var id = item.GetProperty("id").GetInt64();
        Assert.Equal("new", item.GetProperty("status").GetString());
        Assert.Equal("ana@example.org", item.GetProperty("contact").GetString());
        using var again = await passenger.PostAsync("/api/feedback", submission, key);
        Assert.Equal(HttpStatusCode.Unauthorized, (await passenger.GetAsync($"/api/feedback/{id}")).StatusCode);
        using var finance = await host.ClientAsync("finance-1", [StaffRoles.Finance]);
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.GetAsync("/api/feedback")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.PostAsync($"/api/feedback/{id}/triage", new { status = "closed", note = "x" }, DeskRequests.NewKey())).StatusCode);
        Assert.Equal("true", again.Headers.GetValues(ChangeOutcome.ReplayedHeader).Single());
        Assert.Equal(id, (await again.JsonAsync()).GetProperty("id").GetInt64());

        using var taken = await host.Client.PostAsync($"/api/feedback/{id}/triage",
            new { status = "in_progress", note = "Looking at the card's history.", tripTerminal = 3, tripSequence = 41 }, DeskRequests.NewKey());
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        using var answered = await host.Client.PostAsync($"/api/feedback/{id}/triage",
            new { status = "answered", note = "One charge only; the second tap was a transfer." }, DeskRequests.NewKey());
        var final = await answered.JsonAsync();
        Assert.Equal("answered", final.GetProperty("status").GetString());
        Assert.Equal("04112233445566", final.GetProperty("cardUid").GetString());
        Assert.Equal(41, final.GetProperty("tripSequence").GetInt64());
        Assert.Equal("desk-7", final.GetProperty("statusChangedBy").GetString());

        var counts = await (await host.Client.GetAsync("/api/feedback/topics")).JsonAsync();
        Assert.Equal(FeedbackRules.Topics, counts.EnumerateArray().Select(count => count.GetProperty("topic").GetString()));
        Assert.Equal(1, counts[0].GetProperty("answered").GetInt64());
        Assert.Equal(1, counts[0].GetProperty("total").GetInt64());
        Assert.Equal(0, counts[1].GetProperty("total").GetInt64());
        var answeredOnly = await (await host.Client.GetAsync("/api/feedback?status=answered&topic=fares")).JsonAsync();
        Assert.Equal([id], answeredOnly.EnumerateArray().Select(row => row.GetProperty("id").GetInt64()));
        Assert.Empty((await (await host.Client.GetAsync("/api/feedback?status=new")).JsonAsync()).EnumerateArray());

        await using var audit = database.DataSource.CreateCommand("select actor, action, reason, detail from audit_log where subject = @subject order by audit_id");
        var parameter = audit.CreateParameter();
        parameter.ParameterName = "subject";
        parameter.Value = $"feedback:{id}";
        audit.Parameters.Add(parameter);
        var rows = new List<(string, string, string?, string)>();
        await using (var reader = await audit.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)));
            }
        }

        Assert.Equal(
            [("passenger", "feedback.submit", null), ("desk-7", "feedback.triage", "Looking at the card's history."), ("desk-7", "feedback.triage", "One charge only; the second tap was a transfer.")],
            rows.Select(row => (row.Item1, row.Item2, row.Item3)));
        Assert.DoesNotContain("ana@example.org", rows[0].Item4);
        Assert.Contains("\"contactGiven\":true", rows[0].Item4);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task BadFeedbackAndBadTriageAreRefusedNamingTheFieldOrTheRule(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.InsertAsync(3, Now, StoredRecords.CardTap(41, Now.AddHours(-2), Card, 250, 750));
        await using var host = await StartAsync(database);

        await ProblemAssert.IsValidationProblemAsync(await host.Client.PostAsync("/api/feedback", new { topic = "salary", message = "hi" }, DeskRequests.NewKey()), "topic");
        await ProblemAssert.IsValidationProblemAsync(await host.Client.PostAsync("/api/feedback", new { topic = "card", message = "  " }, DeskRequests.NewKey()), "message");
        await ProblemAssert.IsValidationProblemAsync(await host.Client.PostAsync("/api/feedback", new { topic = "card", message = "x", cardUid = "' or 1=1 --" }, DeskRequests.NewKey()), "cardUid");
        await ProblemAssert.IsValidationProblemAsync(await host.Client.PostAsync("/api/feedback", new { topic = "card", message = "x", tripTerminal = 3 }, DeskRequests.NewKey()), "tripSequence");
        await ProblemAssert.IsValidationProblemAsync(await host.Client.PostAsync("/api/feedback", new { topic = "card", message = "x" }, null), IdempotencyKey.Header);
        using var unknownTrip = await host.Client.PostAsync("/api/feedback", new { topic = "card", message = "x", tripTerminal = 3, tripSequence = 99 }, DeskRequests.NewKey());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownTrip.StatusCode);
        Assert.Contains("Terminal 3 has no record 99", await unknownTrip.Content.ReadAsStringAsync());
        using var otherCard = await host.Client.PostAsync("/api/feedback", new { topic = "card", message = "x", cardUid = "0A0B0C0D", tripTerminal = 3, tripSequence = 41 }, DeskRequests.NewKey());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherCard.StatusCode);
        Assert.Equal("Record 41 of terminal 3 is card 04112233445566's, not card 0A0B0C0D's.", (await otherCard.JsonAsync()).GetProperty("detail").GetString());

        var script = "<script>alert(1)</script>";
        using var created = await host.Client.PostAsync("/api/feedback", new { topic = "service", message = script }, DeskRequests.NewKey());
        var id = (await created.JsonAsync()).GetProperty("id").GetInt64();
        Assert.Equal(script, (await (await host.Client.GetAsync($"/api/feedback/{id}")).JsonAsync()).GetProperty("message").GetString());

        await ProblemAssert.IsValidationProblemAsync(await host.Client.PostAsync($"/api/feedback/{id}/triage", new { status = "closed" }, DeskRequests.NewKey()), "note");
        await ProblemAssert.IsValidationProblemAsync(await host.Client.PostAsync($"/api/feedback/{id}/triage", new { status = "done", note = "x" }, DeskRequests.NewKey()), "status");
        using var unknown = await host.Client.PostAsync("/api/feedback/9999/triage", new { status = "closed", note = "x" }, DeskRequests.NewKey());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var same = await host.Client.PostAsync($"/api/feedback/{id}/triage", new { status = "new", note = "x" }, DeskRequests.NewKey());
        Assert.Equal(HttpStatusCode.Conflict, same.StatusCode);
        (await host.Client.PostAsync($"/api/feedback/{id}/triage", new { status = "closed", note = "Spam." }, DeskRequests.NewKey())).EnsureSuccessStatusCode();
        using var backwards = await host.Client.PostAsync($"/api/feedback/{id}/triage", new { status = "answered", note = "x" }, DeskRequests.NewKey());
        Assert.Equal(HttpStatusCode.Conflict, backwards.StatusCode);
        Assert.Contains("closed: it can move only to in_progress", await backwards.Content.ReadAsStringAsync());
        await ProblemAssert.IsValidationProblemAsync(await host.Client.GetAsync("/api/feedback?status=lost"), "status");
        using var missing = await host.Client.GetAsync("/api/feedback/9999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task OneAddressSendingMoreThanTheLimitInAMinuteIsToldToWait()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var host = await StartAsync(database, perMinute: 2);

        for (var i = 0; i < 2; i++)
        {
            (await host.Client.PostAsync("/api/feedback", new { topic = "other", message = $"note {i}" }, DeskRequests.NewKey())).EnsureSuccessStatusCode();
        }

        using var refused = await host.Client.PostAsync("/api/feedback", new { topic = "other", message = "note 3" }, DeskRequests.NewKey());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("At most 2 feedback submissions a minute", await refused.Content.ReadAsStringAsync());
        Assert.Equal(2, (await (await host.Client.GetAsync("/api/feedback")).JsonAsync()).GetArrayLength());
    }

    private static Task<ApiHost> StartAsync(TestDatabase database, int perMinute = 100)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [FeedbackServices.SubmissionsPerMinuteKey] = perMinute.ToString() })
            .Build();
        return ApiHost.StartAsync(database, Now, services: services => services.AddFeedback(configuration), map: app => app.MapFeedbackApi());
    }
}
