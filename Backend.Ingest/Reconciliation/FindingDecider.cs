using System.Text.Json;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;

namespace Backend.Ingest.Reconciliation;

/// <summary>
/// A reviewer's decision on an open finding, as one change (<see cref="ChangeRunner"/>: once per Idempotency-Key,
/// audited): confirm blocks the card (through <see cref="CardBlocker"/>, which lists it) or the QR account;
/// dismiss closes it. A finding decided already, by a person or by the policy, is refused with 409.
/// </summary>
public sealed class FindingDecider(ChangeRunner changes, CardBlocker blocker)
{
    public const string Operation = "finding.decide";

    public async Task<ChangeOutcome> DecideAsync(string idempotencyKey, string actor, long id, bool confirm, string reason, CancellationToken cancellation)
    {
        var request = new ChangeRequest(idempotencyKey, Operation, actor, JsonSerializer.Serialize(new { id, confirm, reason }));
        var outcome = await changes.RunAsync(request, async context =>
        {
            var finding = await FindingQueries.FindAsync(context.Connection, context.Transaction, id, cancellation);
            if (finding is null)
            {
                return ChangeRequests.Problem(StatusCodes.Status404NotFound, "Unknown finding.", $"There is no finding {id}.");
            }

            if (finding.Status != "open")
            {
                return ChangeRequests.Problem(StatusCodes.Status409Conflict, "The finding is decided already.",
                    $"Finding {id} was {finding.Status} by {finding.DecidedBy} at {finding.DecidedAt:u}: {finding.DecisionReason}");
            }

            var status = confirm ? "confirmed" : "dismissed";
            await using (var decide = context.Command("""
                update findings set status = @status, decided_by = @actor, decided_at = @now, decision_reason = @reason
                where finding_id = @id and status = 'open'
                """))
            {
                decide.With("status", status).With("actor", actor).With("now", context.Now).With("reason", reason).With("id", id);
                await decide.ExecuteNonQueryAsync(cancellation);
            }

            await context.AuditAsync(confirm ? "finding.confirm" : "finding.dismiss", $"finding:{id}", reason,
                JsonSerializer.Serialize(new { finding.Rule, finding.CardUid, finding.AccountId }), cancellation);
            var blocked = false;
            if (confirm && finding.CardUid is { } uid)
            {
                blocked = await blocker.BlockAsync(context, uid, id, finding.Rule, cancellation) is not null;
            }
            else if (confirm && finding.AccountId is { } account)
            {
                blocked = await BlockAccountAsync(context, account, id, finding.Rule, cancellation);
            }

            var decided = finding with { Status = status, DecidedBy = actor, DecidedAt = DateTimeOffset.FromUnixTimeMilliseconds(context.Now), DecisionReason = reason };
            return new ChangeResult(StatusCodes.Status200OK, new FindingDecision(decided, blocked));
        }, cancellation);

        return outcome;
    }

    /// <summary>A confirmed overdraft blocks the account: no more ride tokens are issued to it (docs/reconciliation.md).</summary>
    private static async Task<bool> BlockAccountAsync(ChangeContext context, long account, long findingId, string rule, CancellationToken cancellation)
    {
        var reason = $"{CardBlocker.ReasonPrefix}{findingId} ({rule})";
        await using var update = context.Command("""
            update accounts set status = 'blocked', status_changed_at = @now, status_reason = @reason where account_id = @account and status = 'active'
            """);
        update.With("now", context.Now).With("reason", reason).With("account", account);
        if (await update.ExecuteNonQueryAsync(cancellation) == 0)
        {
            return false;
        }

        await context.AuditAsync("account.block", $"account:{account}", reason, JsonSerializer.Serialize(new { findingId, rule }), cancellation);
        return true;
    }
}
