using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Backend.Ingest.Identity;
using Backend.Ingest.Privacy;
using Backend.Ingest.Web;
using Microsoft.AspNetCore.Authorization;

namespace Backend.Ingest.Api;

/// <summary>The REST endpoints under /api: each named, summarized and typed so that the OpenAPI document describes it.</summary>
internal static class FareApiEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/transactions", LatestTransactions)
            .WithName("ListTransactions")
            .WithSummary("Latest transactions, newest arrival first; card UIDs pseudonymised for staff outside customer service")
            .WithDescription("Optional filters: terminal (id), card (UID hex), since (ISO 8601: received at or after). "
                + $"limit defaults to {TransactionFilter.DefaultLimit} and is capped at {TransactionFilter.MaxLimit}.");

        api.MapGet("/terminals", Terminals)
            .WithName("ListTerminals")
            .WithSummary("Fleet status: online, versions, journal backlog, high-water mark, last batch and last seen");

        api.MapGet("/terminals/{id}", Terminal)
            .WithName("GetTerminal")
            .WithSummary("One terminal's status and ingest progress")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/cards/{uid}/transactions", CardTransactions)
            .RequireAuthorization(StaffPolicies.ServeCustomers)
            .WithName("ListCardTransactions")
            .WithSummary("A card's history, newest first, with the balance after each transaction");

        api.MapGet("/summary", Summary)
            .WithName("GetDailySummary")
            .WithSummary("A day's transaction count and amounts by kind (UTC, by the terminals' clocks; default today)");
    }

    private static async Task<Results<Ok<TransactionList>, ValidationProblem>> LatestTransactions(
        HttpContext http, FareQueries queries, IAuthorizationService authorization, CardPseudonyms pseudonyms,
        [Description("Only this terminal id (0 to 4294967295).")] string? terminal,
        [Description("Only this card: its UID as 8, 14 or 20 hex digits, any case.")] string? card,
        [Description("Only transactions received at or after this instant, ISO 8601; no offset means UTC.")] string? since,
        [Description("Rows to return: default 50, at most 500 (a larger value returns 500).")] string? limit,
        CancellationToken cancellation)
    {
        if (TransactionFilter.Parse(terminal, card, since, limit, out var errors) is not { } filter)
        {
            return TypedResults.ValidationProblem(errors, title: "The transaction query is not valid.");
        }

        var rows = await queries.LatestAsync(filter, cancellation);
        // Who a card belongs to is customer service's business: everyone else sees one stable pseudonym per card (docs/privacy.md).
        if (!await authorization.AllowsAsync(http, StaffPolicies.ServeCustomers))
        {
            rows = rows.Select(row => row.CardUid is { } uid ? row with { CardUid = pseudonyms.Of(uid) } : row).ToList();
        }

        return TypedResults.Ok(new TransactionList(filter.Limit, rows));
    }

    private static async Task<Ok<IReadOnlyList<TerminalView>>> Terminals(FleetOverview fleet, CancellationToken cancellation) =>
        TypedResults.Ok(await fleet.ListAsync(cancellation));

    private static async Task<Results<Ok<TerminalView>, ProblemHttpResult, ValidationProblem>> Terminal(
        FleetOverview fleet, [Description("The terminal id (0 to 4294967295).")] string id, CancellationToken cancellation)
    {
        if (!uint.TryParse(id, out var terminalId))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["id"] = [$"'{id}' is not a terminal id: a whole number from 0 to 4294967295."] },
                title: "The terminal id is not valid.");
        }

        return await fleet.FindAsync(terminalId, cancellation) is { } view
            ? TypedResults.Ok(view)
            : TypedResults.Problem(
                title: "Unknown terminal.",
                detail: $"Terminal {terminalId} has sent neither a status nor a batch.",
                statusCode: StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<CardHistory>, ValidationProblem>> CardTransactions(
        FareQueries queries,
        [Description("The card's UID as 8, 14 or 20 hex digits, any case.")] string uid,
        [Description("Rows to return: at most and by default 500.")] string? limit,
        CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        if (!CardUid.TryNormalize(uid, out var cardUid))
        {
            errors["uid"] = [$"'{uid}' is not a card UID: {CardUid.Rule}."];
        }

        var rows = TransactionFilter.ParseLimit(limit, TransactionFilter.MaxLimit, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The card query is not valid.");
        }

        return TypedResults.Ok(new CardHistory(cardUid, rows, await queries.CardHistoryAsync(cardUid, rows, cancellation)));
    }

    private static async Task<Results<Ok<DailySummary>, ValidationProblem>> Summary(
        FareQueries queries, TimeProvider clock,
        [Description("The UTC day, yyyy-MM-dd; default today.")] string? date,
        CancellationToken cancellation)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", out day))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["date"] = [$"date '{date}' is not a day: use yyyy-MM-dd, e.g. 2026-11-25."] },
                title: "The summary query is not valid.");
        }

        return TypedResults.Ok(await queries.SummaryAsync(day, cancellation));
    }
}
