using System.ComponentModel;
using System.Data.Common;
using Backend.Ingest.Accounts;
using Backend.Ingest.Api;
using Backend.Ingest.Cards;
using Backend.Ingest.Identity;
using Backend.Ingest.Ledger;

namespace Backend.Ingest.Passenger;

/// <summary>
/// The desk prints a card's or account's holder code when it issues it, and reprints it for a passenger who lost it:
/// <c>GET /api/cards/{uid}/holder-code</c> and <c>GET /api/accounts/{id}/holder-code</c>, customer service only.
/// </summary>
internal static class HolderCodeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var desk = api.MapGroup("").WithTags("Passenger self-service").RequireAuthorization(StaffPolicies.ServeCustomers);
        desk.MapGet("/cards/{uid}/holder-code", CardCodeAsync)
            .WithName("GetCardHolderCode")
            .WithSummary("The code to print on a card: with the card number it signs the passenger in to the self-service pages")
            .Produces<HolderCodeView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        desk.MapGet("/accounts/{id}/holder-code", AccountCodeAsync)
            .WithName("GetAccountHolderCode")
            .WithSummary("The code to print on an account letter: with the account number it signs the passenger in to the self-service pages")
            .Produces<HolderCodeView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CardCodeAsync(
        DbDataSource dataSource, HolderCodes codes, [Description("The card's UID as 8, 14 or 20 hex digits, any case.")] string uid, CancellationToken cancellation)
    {
        if (!CardUid.TryNormalize(uid, out var cardUid))
        {
            return DeskChange.Invalid(new() { ["uid"] = [$"'{uid}' is not a card UID: {CardUid.Rule}."] }, "The card number is not valid.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        return await CardRegistry.FindAsync(connection, null, cardUid, cancellation) is null
            ? TypedResults.Problem(title: "Unknown card.", detail: $"Card {cardUid} is not in the registry: register it with POST /api/cards.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(new HolderCodeView(LedgerAccounts.Card(cardUid), await codes.CodeAsync(LedgerAccounts.Card(cardUid), cancellation)));
    }

    private static async Task<IResult> AccountCodeAsync(
        DbDataSource dataSource, HolderCodes codes, [Description("The account id (1 to 4294967295).")] string id, CancellationToken cancellation)
    {
        if (!long.TryParse(id, out var accountId) || !AccountRegistry.IsId(accountId))
        {
            return DeskChange.Invalid(new() { ["id"] = [$"'{id}' is not an account id: a whole number from 1 to {AccountRegistry.MaxId}."] }, "The account number is not valid.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        return await AccountRegistry.StatusAsync(connection, null, accountId, cancellation) is null
            ? TypedResults.Problem(title: "Unknown account.", detail: $"Account {accountId} does not exist.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(new HolderCodeView(LedgerAccounts.Account(accountId), await codes.CodeAsync(LedgerAccounts.Account(accountId), cancellation)));
    }
}

/// <summary>A card's or account's holder code: the subject (<c>card:UID</c> or <c>account:ID</c>) and the 10 digits to print, grouped in fives.</summary>
public sealed record HolderCodeView(string Subject, string Code);
