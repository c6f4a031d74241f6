using System.ComponentModel;
using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Terminal.Firmware.Blacklist;
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

    public const int MaxReasonLength = 500;

    private const int ListingsShown = 1000;
    private const int VersionsShown = 20;

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
            .WithSummary($"The blacklist: its version, the listings with who listed each, when and why (newest {ListingsShown}), and the last {VersionsShown} versions");
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
        HttpContext context, ChangeRunner runner, DownlinkCatalog catalog,
        [Description("The card's UID as 8, 14 or 20 hex digits, any case.")] string uid,
        [FromBody] CardBlockRequest? request, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        string status = request?.Status ?? "blocked";
        if (!CardBlocks.BlockStatuses.Contains(status))
        {
            errors["status"] = [$"'{status}' is not a block status: blocked or lost."];
        }

        if (!TryRead(context, uid, request?.Reason, errors, out var card, out var key))
        {
            return TypedResults.ValidationProblem(errors, title: "The block request is not valid.");
        }

        var change = ChangeRequests.For(context, key, "card.block", new { card, status, request!.Reason });
        return await RunAsync(context, runner, catalog, change, c => CardBlocks.BlockAsync(c, card, status, request.Reason!, cancellation), cancellation);
    }

    private static async Task<IResult> UnblockAsync(
        HttpContext context, ChangeRunner runner, DownlinkCatalog catalog,
        [Description("The card's UID as 8, 14 or 20 hex digits, any case.")] string uid,
        [FromBody] CardUnblockRequest? request, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TryRead(context, uid, request?.Reason, errors, out var card, out var key))
        {
            return TypedResults.ValidationProblem(errors, title: "The unblock request is not valid.");
        }

        var change = ChangeRequests.For(context, key, "card.unblock", new { card, request!.Reason });
        return await RunAsync(context, runner, catalog, change, c => CardBlocks.UnblockAsync(c, card, request.Reason!, cancellation), cancellation);
    }

    private static async Task<IResult> PublishFareTableAsync(
        HttpContext context, ChangeRunner runner, DownlinkCatalog catalog, DownlinkSigner signer, CancellationToken cancellation)
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
        return await RunAsync(context, runner, catalog, change, async c =>
        {
            var published = await FareTablePublisher.PublishAsync(c, table, signer, cancellation);
            return published.Refusal ?? new ChangeResult(StatusCodes.Status201Created, new FareTableVersionView(
                published.Version, published.ValidFrom, published.ValidUntil, DateTimeOffset.FromUnixTimeMilliseconds(c.Now), c.Request.Actor, table.Length));
        }, cancellation);
    }

    private static async Task<Ok<BlacklistView>> BlacklistAsync(DbDataSource dataSource, CancellationToken cancellation)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        long version = await ScalarAsync(connection, "select version from downlink_heads where item = 'blacklist'", cancellation);
        long listed = await ScalarAsync(connection, "select count(*) from blacklist_listings", cancellation);
        var listings = new List<BlacklistListingView>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                select kind, entry_key, reason, listed_version, listed_at, listed_by, why from blacklist_listings
                order by listed_version desc, kind, entry_key limit {ListingsShown}
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                listings.Add(new BlacklistListingView(((BlacklistKind)reader.GetInt32(0)).ToString(), reader.GetString(1), reader.GetInt32(2),
                    reader.GetInt64(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), reader.GetString(5), reader.GetString(6)));
            }
        }

        var versions = new List<BlacklistVersionView>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"select version, published_at, published_by, reason, changes from blacklist_versions order by version desc limit {VersionsShown}";
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                versions.Add(new BlacklistVersionView(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
            }
        }

        return TypedResults.Ok(new BlacklistView(version, listed, listings, versions));
    }

    private static async Task<Ok<List<FareTableVersionView>>> FareTablesAsync(DbDataSource dataSource, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand("""
            select version, valid_from, valid_until, published_at, published_by, signed_table from fare_table_versions order by version desc
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var tables = new List<FareTableVersionView>();
        while (await reader.ReadAsync(cancellation))
        {
            tables.Add(new FareTableVersionView((uint)reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetString(4), ((byte[])reader.GetValue(5)).Length));
        }

        return TypedResults.Ok(tables);
    }

    /// <summary>The card UID, the reason text and the Idempotency-Key every block and unblock needs; false with <paramref name="errors"/> filled.</summary>
    private static bool TryRead(HttpContext context, string uid, string? reason, Dictionary<string, string[]> errors, out string card, out string key)
    {
        if (!CardUid.TryNormalize(uid, out card))
        {
            errors["uid"] = [$"'{uid}' is not a card UID: {CardUid.Rule}."];
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
        {
            errors["reason"] = [$"say why, in 1 to {MaxReasonLength} characters: it is kept with the listing and in the audit log."];
        }

        if (!IdempotencyKey.TryRead(context, out key))
        {
            errors[IdempotencyKey.Header] = [IdempotencyKey.Rule];
        }

        return errors.Count == 0;
    }

    private static async Task<IResult> RunAsync(
        HttpContext context, ChangeRunner runner, DownlinkCatalog catalog, ChangeRequest change, Func<ChangeContext, Task<ChangeResult>> run, CancellationToken cancellation)
    {
        var outcome = await runner.RunAsync(change, run, cancellation);
        if (outcome.Status < 400 && !outcome.Replayed)
        {
            // Committed: this process's terminals get it at their next status without waiting for the periodic read.
            await catalog.RefreshAsync(cancellation);
        }

        return outcome.ToHttpResult(context);
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation));
    }
}
