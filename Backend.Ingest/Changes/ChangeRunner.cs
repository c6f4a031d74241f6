using System.Data.Common;
using System.Text.Json;
using Backend.Ingest.Api;

namespace Backend.Ingest.Changes;

/// <summary>
/// Runs each change of the system of record exactly once per idempotency key, in one database transaction with
/// its audit rows (see <c>api_requests</c> and <c>audit_log</c> in the schema):
/// <list type="bullet">
/// <item>a key seen before with the same fingerprint gets the stored answer again, and nothing runs;</item>
/// <item>a key seen before with another fingerprint is refused (409): the client reused a key for something else;</item>
/// <item>two requests racing with one key: the database's primary key on <c>api_requests</c> lets one commit, the
/// other rolls back and is answered with the winner's stored answer.</item>
/// </list>
/// Only successes are stored (<see cref="ChangeResult"/>).
/// </summary>
public sealed class ChangeRunner(DbDataSource dataSource, TimeProvider clock)
{
    public async Task<ChangeOutcome> RunAsync(ChangeRequest request, Func<ChangeContext, Task<ChangeResult>> change, CancellationToken cancellation)
    {
        if (await StoredAsync(request, cancellation) is { } stored)
        {
            return stored;
        }

        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellation);
            await using var transaction = await connection.BeginTransactionAsync(cancellation);
            var context = new ChangeContext(connection, transaction, request, clock.GetUtcNow().ToUnixTimeMilliseconds());
            var result = await change(context);
            var body = JsonSerializer.Serialize(result.Body, ChangeOutcome.Json);
            if (!result.Succeeded)
            {
                await transaction.RollbackAsync(cancellation);
                return new ChangeOutcome(result.Status, body, Replayed: false);
            }

            await using (var remember = context.Command("""
                insert into api_requests (request_id, operation, request_hash, response_status, response_body, created_at)
                values (@key, @operation, @fingerprint, @status, @body, @at)
                """))
            {
                remember.With("key", request.IdempotencyKey).With("operation", request.Operation).With("fingerprint", request.Fingerprint)
                    .With("status", result.Status).With("body", body).With("at", context.Now);
                await remember.ExecuteNonQueryAsync(cancellation);
            }

            await transaction.CommitAsync(cancellation);
            return new ChangeOutcome(result.Status, body, Replayed: false);
        }
        catch (DbException)
        {
            // Lost a race for the key: the winner's answer is the answer. Any other failure goes up as it was.
            var winner = await StoredAsync(request, cancellation);
            if (winner is null)
            {
                throw;
            }

            return winner;
        }
    }

    private async Task<ChangeOutcome?> StoredAsync(ChangeRequest request, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            "select operation, request_hash, response_status, response_body from api_requests where request_id = @key");
        command.With("key", request.IdempotencyKey);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        if (!await reader.ReadAsync(cancellation))
        {
            return null;
        }

        if (reader.GetString(0) != request.Operation || reader.GetString(1) != request.Fingerprint)
        {
            var problem = new
            {
                type = "https://www.rfc-editor.org/rfc/rfc9110#status.409",
                title = "The idempotency key was used for another request.",
                status = StatusCodes.Status409Conflict,
                detail = $"Idempotency-Key '{request.IdempotencyKey}' already served a {reader.GetString(0)} request with other content; use a new key for a new request.",
            };
            return new ChangeOutcome(StatusCodes.Status409Conflict, JsonSerializer.Serialize(problem, ChangeOutcome.Json), Replayed: false);
        }

        return new ChangeOutcome(reader.GetInt32(2), reader.GetString(3), Replayed: true);
    }
}
