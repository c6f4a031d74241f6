using System.ComponentModel;
using Backend.Ingest.Changes;
using Backend.Ingest.Identity;
using Backend.Ingest.Ledger;
using Microsoft.AspNetCore.Mvc;

namespace Backend.Ingest.Cards;

/// <summary><c>POST /api/cards/{uid}/replacement</c>: a lost or stolen card replaced, its balance moved to the new card (<see cref="CardReplacements"/>).</summary>
internal static class CardReplacementEndpoint
{
    public static void Map(RouteGroupBuilder cards) =>
        cards.MapPost("/{uid}/replacement", Replace)
            .RequireAuthorization(StaffPolicies.ServeCustomers)
            .WithName("ReplaceCard")
            .WithSummary("Blocks a lost or stolen card and moves its ledger balance to a replacement card as pending loads (Idempotency-Key required)")
            .Produces<CardReplacementAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> Replace(
        HttpContext http, ChangeRunner runner,
        [Description("The lost or stolen card's UID as 8, 14 or 20 hex digits, any case.")] string uid,
        [FromBody] CardReplacementOrder? body, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        if (CardReplacements.Validate(uid, body, errors) is not { } order)
        {
            return DeskChange.Invalid(errors, "The card replacement is not valid.");
        }

        if (DeskChange.Request(http, "card.replace", order.OldUid, order) is not { } request)
        {
            return DeskChange.MissingKey();
        }

        return (await CardReplacements.ReplaceAsync(runner, request, order, cancellation)).ToHttpResult(http);
    }
}
