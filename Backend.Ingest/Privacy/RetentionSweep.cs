using System.Text.Json;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Privacy;

/// <summary>
/// One pass of the retention rules of docs/privacy.md, by the backend's clock, as one audited change: travel records
/// older than <see cref="PrivacyOptions.TravelRecordMonths"/> are unlinked from cards, tokens and accounts (the ledger
/// keeps their amounts), QR tokens that expired before then are deleted, and the contact details of accounts closed
/// more than <see cref="PrivacyOptions.ClosedContactDays"/> ago are erased. Each rule only touches rows still linked,
/// so a pass repeated changes nothing.
/// </summary>
public sealed class RetentionSweep(ChangeRunner runner, TimeProvider clock, IOptions<PrivacyOptions> options)
{
    public async Task<RetentionOutcome> RunAsync(CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var travelCutoff = now.AddMonths(-options.Value.TravelRecordMonths).ToUnixTimeSeconds();
        var closedCutoff = now.AddDays(-options.Value.ClosedContactDays).ToUnixTimeMilliseconds();
        RetentionOutcome? done = null;
        await runner.RunAsync(ChangeRequests.Internal("privacy.retention", ContactSealingService.Actor, new { travelCutoff, closedCutoff }), async change =>
        {
            var trips = await TravelRecordUnlinking.UnlinkAsync(change.Connection, change.Transaction, "recorded_at < @cutoff",
                new Dictionary<string, object?> { ["cutoff"] = travelCutoff }, cancellation);
            int tokens;
            await using (var deleteTokens = change.Command("delete from qr_tokens where valid_until < @cutoff"))
            {
                tokens = await deleteTokens.With("cutoff", travelCutoff).ExecuteNonQueryAsync(cancellation);
            }

            int contacts;
            await using (var erase = change.Command($"""
                update accounts set {AccountErasure.ClearedContacts}
                where status = 'closed' and status_changed_at < @cutoff and ({AccountErasure.HasContacts})
                """))
            {
                contacts = await erase.With("cutoff", closedCutoff).ExecuteNonQueryAsync(cancellation);
            }

            done = new RetentionOutcome(trips, tokens, contacts);
            if (trips + tokens + contacts > 0)
            {
                await change.AuditAsync("privacy.retention", "transactions, qr_tokens, accounts", "retention periods of docs/privacy.md",
                    JsonSerializer.Serialize(done, ChangeOutcome.Json), cancellation);
            }

            return new ChangeResult(StatusCodes.Status200OK, done);
        }, cancellation);
        return done!;
    }
}
