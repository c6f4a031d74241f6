using System.ComponentModel;
using System.Text.Json;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Identity;
using Backend.Ingest.Ledger;
using Microsoft.AspNetCore.Mvc;

namespace Backend.Ingest.Feedback;

/// <summary>
/// Passenger feedback under /api/feedback: a passenger submits (anonymous, rate limited per address), customer
/// service lists, reads, counts by topic and triages (<see cref="StaffPolicies.ServeCustomers"/>). Submitting and triage are changes: once per Idempotency-Key, audited in their transaction.
/// </summary>
internal static class FeedbackEndpoints
{
    public const string SubmitRateLimit = "feedback-submit";

    public static void Map(RouteGroupBuilder api)
    {
        var feedback = api.MapGroup("/feedback").WithTags("Feedback");
        var staff = api.MapGroup("/feedback").WithTags("Feedback").RequireAuthorization(StaffPolicies.ServeCustomers);
        feedback.MapPost("", Submit)
            .AllowAnonymous()
            .WithName("SubmitFeedback")
            .WithSummary("A passenger's feedback: topic, message, optional contact, card and trip (Idempotency-Key required)")
            .RequireRateLimiting(SubmitRateLimit)
            .Produces<FeedbackView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        staff.MapGet("", List)
            .WithName("ListFeedback")
            .WithSummary("Feedback, newest first, optionally of one status and topic")
            .Produces<IReadOnlyList<FeedbackView>>()
            .ProducesValidationProblem();
        staff.MapGet("/topics", async (FeedbackStore store, CancellationToken cancellation) => TypedResults.Ok(await store.CountsByTopicAsync(cancellation)))
            .WithName("CountFeedbackByTopic")
            .WithSummary("How many items of each topic are in each status");
        staff.MapGet("/{id:long}", Get)
            .WithName("GetFeedback")
            .WithSummary("One feedback item with its triage")
            .Produces<FeedbackView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("/{id:long}/triage", Triage)
            .WithName("TriageFeedback")
            .WithSummary("Moves an item to a new status with a note, optionally linking it to a card or trip (Idempotency-Key required)")
            .Produces<FeedbackView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> Submit(HttpContext http, ChangeRunner runner, [FromBody] FeedbackSubmission? body, CancellationToken cancellation)
    {
        if (body is null)
        {
            return DeskChange.Invalid(new() { ["body"] = ["a JSON object with topic and message is required."] }, "The feedback is not valid.");
        }

        var errors = FeedbackIntake.Check(body, out var submission);
        if (errors.Count > 0)
        {
            return DeskChange.Invalid(errors, "The feedback is not valid.");
        }

        if (!IdempotencyKey.TryRead(http, out var key))
        {
            return DeskChange.MissingKey();
        }

        var outcome = await FeedbackIntake.SubmitAsync(runner, key, submission, cancellation);
        return outcome.ToHttpResult(http);
    }

    private static async Task<IResult> List(
        FeedbackStore store,
        [Description("Only this status: new, in_progress, answered, closed.")] string? status,
        [Description("Only this topic.")] string? topic,
        [Description("Rows to return: default and at most 100.")] int? limit,
        CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null && !FeedbackRules.Statuses.Contains(status))
        {
            errors["status"] = [$"status '{status}' is not one of {string.Join(", ", FeedbackRules.Statuses)}."];
        }

        if (topic is not null && !FeedbackRules.Topics.Contains(topic))
        {
            errors["topic"] = [$"topic '{topic}' is not one of {string.Join(", ", FeedbackRules.Topics)}."];
        }

        if (limit is < 1)
        {
            errors["limit"] = ["limit is a whole number from 1 to 100."];
        }

        return errors.Count > 0
            ? DeskChange.Invalid(errors, "The feedback query is not valid.")
            : TypedResults.Ok(await store.ListAsync(status, topic, Math.Min(limit ?? FeedbackStore.DefaultLimit, FeedbackStore.DefaultLimit), cancellation));
    }

    private static async Task<IResult> Get(FeedbackStore store, long id, CancellationToken cancellation) =>
        await store.FindAsync(id, cancellation) is { } item ? TypedResults.Ok(item) : UnknownItem(id).ToHttp();

    private static async Task<IResult> Triage(HttpContext http, ChangeRunner runner, long id, [FromBody] FeedbackTriage? body, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        if (ValidateTriage(body, errors) is not { } triage)
        {
            return DeskChange.Invalid(errors, "The triage is not valid.");
        }

        if (DeskChange.Request(http, "feedback.triage", FeedbackIntake.Subject(id), triage) is not { } request)
        {
            return DeskChange.MissingKey();
        }

        return (await TriageAsync(runner, request, id, triage, cancellation)).ToHttpResult(http);
    }

    /// <summary>The triage checked field by field (the endpoint and the feedback page); null with <paramref name="errors"/> filled when it is not valid.</summary>
    internal static FeedbackTriage? ValidateTriage(FeedbackTriage? body, Dictionary<string, string[]> errors)
    {
        if (body?.Status is not { } status || !FeedbackRules.Statuses.Contains(status))
        {
            errors["status"] = [$"status is required: one of {string.Join(", ", FeedbackRules.Statuses)}."];
        }

        if (string.IsNullOrWhiteSpace(body?.Note) || body.Note.Length > FeedbackRules.MaxNote)
        {
            errors["note"] = [$"note is required: what was done or answered, 1 to {FeedbackRules.MaxNote} characters."];
        }

        var card = FeedbackIntake.Card(body?.CardUid, "cardUid", errors);
        FeedbackIntake.Trip(body?.TripTerminal, body?.TripSequence, errors);
        return errors.Count > 0 ? null : body! with { CardUid = card };
    }

    /// <summary>Moves the item as <paramref name="triage"/> says, audited with its note as the reason.</summary>
    internal static Task<ChangeOutcome> TriageAsync(ChangeRunner runner, ChangeRequest request, long id, FeedbackTriage triage, CancellationToken cancellation) =>
        runner.RunAsync(request, async change =>
        {
            if (await FeedbackStore.ReadAsync(change, id, cancellation) is not { } item)
            {
                return UnknownItem(id);
            }

            var links = triage.CardUid is not null || triage.TripTerminal is not null;
            if (triage.Status == item.Status && !links)
            {
                return DeskChange.Conflict("Nothing to change.", $"Feedback {id} is {item.Status} already; link a card or trip, or move it to {string.Join(" or ", FeedbackRules.NextOf(item.Status))}.");
            }

            if (triage.Status != item.Status && !FeedbackRules.MayMove(item.Status, triage.Status!))
            {
                return DeskChange.Conflict("That move is not allowed.", $"Feedback {id} is {item.Status}: it can move only to {string.Join(" or ", FeedbackRules.NextOf(item.Status))}.");
            }

            if (await FeedbackIntake.CheckTripAsync(change, triage.CardUid ?? item.CardUid, triage.TripTerminal, triage.TripSequence, cancellation) is { } refusal)
            {
                return refusal;
            }

            if (!await FeedbackStore.MoveAsync(change, id, item.Status, triage, triage.Status!, cancellation))
            {
                return DeskChange.Conflict("Moved meanwhile.", $"Feedback {id} was moved by someone else while this triage ran; reload it and try again.");
            }

            await change.AuditAsync("feedback.triage", FeedbackIntake.Subject(id), triage.Note, JsonSerializer.Serialize(new
            {
                from = item.Status,
                to = triage.Status,
                triage.CardUid,
                triage.TripTerminal,
                triage.TripSequence,
            }), cancellation);
            return new ChangeResult(StatusCodes.Status200OK, (await FeedbackStore.ReadAsync(change, id, cancellation))!);
        }, cancellation);

    private static ChangeResult UnknownItem(long id) => DeskChange.NotFound("Unknown feedback.", $"There is no feedback {id}.");

    private static IResult ToHttp(this ChangeResult result) =>
        Results.Json(result.Body, ChangeOutcome.Json, "application/problem+json", result.Status);
}
