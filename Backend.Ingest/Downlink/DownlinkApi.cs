using System.ComponentModel;
using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Backend.Ingest.Identity;

namespace Backend.Ingest.Downlink;

/// <summary>
/// The operator's side of the downlink catalog: block and unblock cards (each a change: Idempotency-Key, audited, one
/// transaction with the blacklist version it publishes), read the blacklist and the fare tables, publish a fare table.
/// After a change commits this process's catalog reads it at once, so its terminals get it at their next status.
/// </summary>
public static class DownlinkApi
{
    /// <summary>The largest fare table (docs/fares.md: 8 languages, 256 routes, 16 zones, 5 concessions, 16 promotions).</summary>
    public const int MaxFareTableBytes = 56 + (2 * 8) + (7 * 256) + (4 * 16 * 16) + (10 * 5) + (24 * 16) + 64;

    public static IEndpointRouteBuilder MapDownlinkApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Blacklist and fare tables");
        api.MapPost("/cards/{uid}/block", BlockAsync)
            .RequireAuthorization(StaffPolicies.BlockCards)
            .WithName("BlockCard")
            .WithSummary("Blocks an active card (status blocked or lost) and lists it in a new blacklist version, for every terminal at its next status")
            .Produces<CardBlockAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();
        api.MapPost("/cards/{uid}/unblock", UnblockAsync)
            .RequireAuthorization(StaffPolicies.BlockCards)
            .WithName("UnblockCard")
            .WithSummary("Makes a blocked or lost card active again and unlists it in a new blacklist version")
            .Produces<CardBlockAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem();
        api.MapGet("/blacklist", BlacklistAsync)
            .RequireAuthorization(StaffPolicies.BlockCards)
            .WithName("GetBlacklist")
            .WithSummary($"The blacklist: its version, the listings with who listed each, when and why (newest {DownlinkCatalogViews.ListingsShown}), and the last {DownlinkCatalogViews.VersionsShown} versions");
        api.MapGet("/fare-tables", FareTablesAsync)
            .RequireAuthorization(StaffPolicies.OperateFleet)
            .WithName("ListFareTables")
            .WithSummary("The published fare tables, newest first, with who published each and when");
        api.MapPost("/fare-tables", PublishFareTableAsync)
            .RequireAuthorization(StaffPolicies.OperateFleet)
            .WithName("PublishFareTable")
            .WithSummary("Publishes a signed fare table (the raw bytes, application/octet-stream) to the fleet")
            .WithDescription("Accepted only if the firmware's fare table store takes it with the backend's downlink key, and its version is newer than the latest.")
            .Accepts<byte[]>("application/octet-stream")
            .Produces<FareTableVersionView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesValidationProblem();
        return endpoints;
    }

    private static async Task<IResult> BlockAsync(
        HttpContext context, DownlinkChanges changes,
        [Description("The card's UID as 8, 14 or 20 hex digits, any case.")] string uid,
        [FromBody] CardBlockRequest? request, CancellationToken cancellation)
    {
        string status = request?.Status ?? "blocked";
        if (!TryRead(context, uid, request?.Reason, status, out var card, out var key, out var errors))
        {
            return TypedResults.ValidationProblem(errors, title: "The block request is not valid.");
        }

        var change = ChangeRequests.For(context, key, "card.block", new { card, status, request!.Reason });
        return (await changes.BlockAsync(change, card, status, request.Reason!, cancellation)).ToHttpResult(context);
    }

    private static async Task<IResult> UnblockAsync(
        HttpContext context, DownlinkChanges changes,
        [Description("The card's UID as 8, 14 or 20 hex digits, any case.")] string uid,
        [FromBody] CardUnblockRequest? request, CancellationToken cancellation)
    {
        if (!TryRead(context, uid, request?.Reason, null, out var card, out var key, out var errors))
        {
            return TypedResults.ValidationProblem(errors, title: "The unblock request is not valid.");
        }

        var change = ChangeRequests.For(context, key, "card.unblock", new { card, request!.Reason });
        return (await changes.UnblockAsync(change, card, request.Reason!, cancellation)).ToHttpResult(context);
    }

    private static async Task<IResult> PublishFareTableAsync(HttpContext context, DownlinkChanges changes, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, cancellation);
        byte[] table = body.ToArray();
        if (table.Length is 0 or > MaxFareTableBytes)
        {
            errors["body"] = [$"{table.Length} bytes: a signed fare table is 1 to {MaxFareTableBytes} bytes, sent as application/octet-stream."];
        }

        if (!IdempotencyKey.TryRead(context, out var key))
        {
            errors[IdempotencyKey.Header] = [IdempotencyKey.Rule];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The fare table upload is not valid.");
        }

        var change = ChangeRequests.For(context, key, "fare_table.publish", new { table });
        return (await changes.PublishFareTableAsync(change, table, null, cancellation)).ToHttpResult(context);
    }

    private static async Task<Ok<BlacklistView>> BlacklistAsync(DbDataSource dataSource, CancellationToken cancellation) =>
        TypedResults.Ok(await DownlinkCatalogViews.BlacklistAsync(dataSource, cancellation));

    private static async Task<Ok<List<FareTableVersionView>>> FareTablesAsync(DbDataSource dataSource, CancellationToken cancellation) =>
        TypedResults.Ok(await DownlinkCatalogViews.FareTablesAsync(dataSource, cancellation));

    /// <summary>The card UID, the reason text (and a block's status) by <see cref="CardBlockRules"/>, and the Idempotency-Key; false with <paramref name="errors"/> filled.</summary>
    private static bool TryRead(HttpContext context, string uid, string? reason, string? status, out string card, out string key, out Dictionary<string, string[]> errors)
    {
        errors = [];
        CardBlockRules.Check(uid, reason, status, errors, out card);
        if (!IdempotencyKey.TryRead(context, out key))
        {
            errors[IdempotencyKey.Header] = [IdempotencyKey.Rule];
        }

        return errors.Count == 0;
    }
}
