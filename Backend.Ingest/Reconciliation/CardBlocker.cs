using System.Text.Json;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Downlink;

namespace Backend.Ingest.Reconciliation;

/// <summary>
/// The one place a finding blocks a card, all in the caller's change: the registry row becomes <c>blocked</c> with
/// the finding as its reason, the audit row says who and why, and a new blacklist version lists the card
/// (<see cref="BlacklistPublisher"/>), which every bus fetches at its next status once the change commits.
/// </summary>
public sealed class CardBlocker
{
    /// <summary>The blacklist reason a terminal shows for a card blocked on a finding.</summary>
    public const byte BlacklistReason = BlacklistReasons.Fraud;

    /// <summary>Every card this class blocked has a status reason starting so.</summary>
    public const string ReasonPrefix = "finding ";

    /// <summary>
    /// Blocks an active card and lists it; a UID the registry never held (a forged card) has no row to change but is
    /// listed all the same. Returns the blacklist version, or null (nothing written) for a registered card that is
    /// not active (already blocked, lost, refunded...).
    /// </summary>
    public async Task<uint?> BlockAsync(ChangeContext change, string uid, long findingId, string rule, CancellationToken cancellation)
    {
        var reason = $"{ReasonPrefix}{findingId} ({rule})";
        var from = "active";
        await using (var update = change.Command("""
            update cards set status = 'blocked', status_changed_at = @now, status_reason = @reason where uid = @uid and status = 'active'
            """))
        {
            update.With("now", change.Now).With("reason", reason).With("uid", uid);
            if (await update.ExecuteNonQueryAsync(cancellation) == 0)
            {
                await using var registered = change.Command("select count(*) from cards where uid = @uid");
                if (Convert.ToInt64(await registered.With("uid", uid).ExecuteScalarAsync(cancellation)) > 0)
                {
                    return null;
                }

                from = "unregistered";
            }
        }

        await change.AuditAsync("card.block", $"card:{uid}", reason, JsonSerializer.Serialize(new { findingId, rule, from, to = "blocked" }), cancellation);
        return await BlacklistPublisher.ListCardAsync(change, uid, BlacklistReason, reason, cancellation);
    }
}
