using System.ComponentModel;
using Backend.Ingest.Changes;
using Microsoft.AspNetCore.Http.HttpResults;
using Backend.Ingest.Identity;

namespace Backend.Ingest.Reconciliation;

/// <summary>The review queue under /api/findings: list, one finding with its evidence, and the decision on it.</summary>
internal static class FindingApiEndpoints
{
    public const int MaxReasonLength = 500;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/findings", List)
            .RequireAuthorization(StaffPolicies.OperateFleet)
            .WithName("ListFindings")
            .WithSummary("Findings of the reconciliation rules, newest first")
            .WithDescription("Optional filters: status (open, confirmed, dismissed), rule, card (UID hex), account (id). "
                + "limit defaults to 50 and is capped at 500. The evidence comes with GET /api/findings/{id}.");

        api.MapGet("/findings/{id}", Get)
            .RequireAuthorization(StaffPolicies.OperateFleet)
            .WithName("GetFinding")
            .WithSummary("One finding with its evidence: the records involved and the figures compared")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/findings/{id}/decision", Decide)
            .RequireAuthorization(StaffPolicies.OperateFleet)
            .WithName("DecideFinding")
            .WithSummary("Confirm (blocks the card or account) or dismiss an open finding, with a reason; needs an Idempotency-Key")
            .Produces<FindingDecision>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        // Open like /health: process counters, no passenger or money data, and readable while the database (which checks API keys) is down.
        api.MapGet("/reconciliation/counters", (ReconciliationCounters counters) => TypedResults.Ok(counters.Snapshot())).AllowAnonymous()
            .WithName("GetReconciliationCounters")
            .WithSummary("What this process's reconciliation did since it started");
    }

    private static async Task<Results<Ok<FindingList>, ValidationProblem>> List(
        FindingQueries queries,
        [Description("Only findings in this status: open, confirmed or dismissed.")] string? status,
        [Description("Only this rule, e.g. counter_repeated.")] string? rule,
        [Description("Only this card: its UID as 8, 14 or 20 hex digits, any case.")] string? card,
        [Description("Only this QR account id.")] string? account,
        [Description("Rows to return: default 50, at most 500.")] string? limit,
        CancellationToken cancellation)
    {
        if (FindingFilter.Parse(status, rule, card, account, limit, out var errors) is not { } filter)
        {
            return TypedResults.ValidationProblem(errors, title: "The findings query is not valid.");
        }

        return TypedResults.Ok(new FindingList(filter.Limit, await queries.ListAsync(filter, cancellation)));
    }

    private static async Task<Results<Ok<FindingView>, ProblemHttpResult, ValidationProblem>> Get(
        FindingQueries queries, [Description("The finding id.")] string id, CancellationToken cancellation)
    {
        if (!long.TryParse(id, out var findingId) || findingId < 1)
        {
            return InvalidId(id);
        }

        return await queries.FindAsync(findingId, cancellation) is { } finding
            ? TypedResults.Ok(finding)
            : TypedResults.Problem(title: "Unknown finding.", detail: $"There is no finding {findingId}.", statusCode: StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Decide(
        HttpContext context, FindingDecider decider, [Description("The finding id.")] string id, FindingDecisionRequest body, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        if (!long.TryParse(id, out var findingId) || findingId < 1)
        {
            errors["id"] = [$"'{id}' is not a finding id: a whole number from 1."];
        }

        if (!IdempotencyKey.TryRead(context, out var key))
        {
            errors[IdempotencyKey.Header] = [IdempotencyKey.Rule];
        }

        if (body.Decision is not ("confirm" or "dismiss"))
        {
            errors["decision"] = [$"decision '{body.Decision}' must be confirm (blocks the card or account) or dismiss."];
        }

        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > MaxReasonLength)
        {
            errors["reason"] = [$"reason is required: why, in 1 to {MaxReasonLength} characters, for the audit log."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The decision is not valid.");
        }

        var outcome = await decider.DecideAsync(key, StaffActor.Of(context), findingId, body.Decision == "confirm", body.Reason!.Trim(), cancellation);
        return outcome.ToHttpResult(context);
    }

    private static ValidationProblem InvalidId(string id) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["id"] = [$"'{id}' is not a finding id: a whole number from 1."] },
        title: "The finding id is not valid.");
}
