using System.ComponentModel;
using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Identity;
using Backend.Ingest.Provisioning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Backend.Ingest.Resend;

/// <summary>
/// The operator's side of Resend: ask one terminal to upload its journal again (a change: Idempotency-Key, audited),
/// for a terminal whose records the backend lost other than by a restore, and the list of requests with their answers.
/// </summary>
public static class ResendApi
{
    public const int RequestsShown = 500;

    public static IEndpointRouteBuilder MapResendApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Resend");
        api.MapPost("/terminals/{id}/resend", RequestAsync)
            .RequireAuthorization(StaffPolicies.OperateFleet)
            .WithName("RequestTerminalResend")
            .WithSummary("Asks a terminal to upload its journal again from a sequence (default: the backend's high-water mark + 1), by a signed Resend downlink (Idempotency-Key required)")
            .WithDescription("The terminal re-sends what it still holds from there on; the backend stores each record once. Answered 202: the terminal is asked now if online, else when it next reports.")
            .Produces<ResendRequestAnswer>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();
        api.MapGet("/resends", ListAsync)
            .RequireAuthorization(StaffPolicies.OperateFleet)
            .WithName("ListResendRequests")
            .WithSummary($"The Resend requests, newest first (at most {RequestsShown}): after a restore or by an operator, when each terminal was asked and when it rewound");
        return endpoints;
    }

    private static async Task<IResult> RequestAsync(
        HttpContext context, ChangeRunner runner, ResendAsker asker, TimeProvider clock,
        [Description("The terminal id (0 to 4294967295).")] string id,
        [FromBody] ResendRequestBody? request, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        if (!uint.TryParse(id, out var terminal))
        {
            errors["id"] = [$"'{id}' is not a terminal id: a whole number from 0 to 4294967295."];
        }

        if (request?.FromSequence is { } asked && asked is < 1 or > uint.MaxValue)
        {
            errors["fromSequence"] = [$"{asked} is not a sequence: journal sequences are 1 to 4294967295 (omit it to start after the backend's high-water mark)."];
        }

        if (!IdempotencyKey.TryRead(context, out var key))
        {
            errors[IdempotencyKey.Header] = [IdempotencyKey.Rule];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The resend request is not valid.");
        }

        var provisioned = context.RequestServices.GetService<TerminalCredentialStore>()?.IsProvisioned(terminal) ?? false;
        var change = ChangeRequests.For(context, key, "terminal.resend", new { terminal, request?.FromSequence, request?.Reason });
        var outcome = await runner.RunAsync(change, async c =>
        {
            var highWater = await HighWaterAsync(c, terminal, cancellation);
            if (highWater is null && !provisioned)
            {
                return ChangeRequests.Problem(StatusCodes.Status404NotFound, "Unknown terminal.",
                    $"Terminal {terminal} is not provisioned and has sent neither a status nor a batch.");
            }

            long from = request?.FromSequence ?? (highWater ?? 0) + 1;
            long number = await ResendRequests.NextNumberAsync(c, clock.GetUtcNow().ToUnixTimeSeconds(), cancellation);
            await ResendRequests.AddAsync(c, number, terminal, from, ResendRequests.OperatorCause, request?.Reason, cancellation);
            return new ChangeResult(StatusCodes.Status202Accepted,
                new ResendRequestAnswer(terminal, from, number, DateTimeOffset.FromUnixTimeMilliseconds(c.Now), c.Request.Actor));
        }, cancellation);
        if (outcome.Status < 400 && !outcome.Replayed)
        {
            asker.Wake();
        }

        return outcome.ToHttpResult(context);
    }

    /// <summary>The terminal's high-water mark (0 when it has only reported a status); null when the database knows nothing of it.</summary>
    private static async Task<long?> HighWaterAsync(ChangeContext change, uint terminal, CancellationToken cancellation)
    {
        await using var command = change.Command("""
            select coalesce((select high_water from terminals where terminal_id = @terminal),
                            (select 0 from terminal_status where terminal_id = @terminal))
            """);
        var value = await command.With("terminal", (long)terminal).ExecuteScalarAsync(cancellation);
        return value is null or DBNull ? null : Convert.ToInt64(value);
    }

    private static async Task<Ok<List<ResendRequestView>>> ListAsync(
        DbDataSource dataSource, [Description("Only this terminal's requests.")] uint? terminal, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"""
            select resend_number, terminal_id, from_sequence, cause, requested_at, requested_by, first_asked_at, last_asked_at, asks,
                   outcome, answered_at, rewound_from
            from resend_requests {(terminal is null ? "" : "where terminal_id = @terminal")}
            order by resend_number desc, terminal_id limit {RequestsShown}
            """);
        if (terminal is { } only)
        {
            command.With("terminal", (long)only);
        }

        var views = new List<ResendRequestView>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            views.Add(new ResendRequestView(
                Convert.ToInt64(reader.GetValue(0)), (uint)Convert.ToInt64(reader.GetValue(1)), Convert.ToInt64(reader.GetValue(2)),
                reader.GetString(3), Time(reader, 4)!.Value, reader.GetString(5), Time(reader, 6), Time(reader, 7), Convert.ToInt32(reader.GetValue(8)),
                reader.IsDBNull(9) ? "open" : reader.GetString(9), Time(reader, 10), reader.IsDBNull(11) ? null : Convert.ToInt64(reader.GetValue(11))));
        }

        return TypedResults.Ok(views);
    }

    private static DateTimeOffset? Time(DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(column)));
}

/// <summary>The body of a resend request: the first sequence to upload again (default: after the backend's high-water mark), and why.</summary>
public sealed record ResendRequestBody(long? FromSequence, string? Reason);

/// <summary>A request made: the terminal, the sequence it uploads again from, the resend number its downlink carries, when and by whom.</summary>
public sealed record ResendRequestAnswer(uint TerminalId, long FromSequence, long ResendNumber, DateTimeOffset RequestedAt, string RequestedBy);

/// <summary>
/// One Resend request as staff read it: <see cref="Outcome"/> is <c>open</c> until the terminal's JournalRewound event is
/// stored (<c>rewound</c>, from <see cref="RewoundFrom"/>), or a newer request replaced it (<c>superseded</c>).
/// </summary>
public sealed record ResendRequestView(
    long ResendNumber, uint TerminalId, long FromSequence, string Cause, DateTimeOffset RequestedAt, string RequestedBy,
    DateTimeOffset? FirstAskedAt, DateTimeOffset? LastAskedAt, int Asks, string Outcome, DateTimeOffset? AnsweredAt, long? RewoundFrom);
