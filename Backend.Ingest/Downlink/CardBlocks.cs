using Backend.Ingest.Api;
using Backend.Ingest.Changes;

namespace Backend.Ingest.Downlink;

/// <summary>
/// Blocks and unblocks a card inside a change: its row in <c>cards</c> gets the status, and a new blacklist version
/// lists or unlists it (<see cref="BlacklistPublisher"/>), with the audit rows, in the change's one transaction.
/// </summary>
public static class CardBlocks
{
    /// <summary>Statuses a block may give: <c>blocked</c> (by staff or a rule) or <c>lost</c> (reported lost or stolen).</summary>
    public static readonly IReadOnlyList<string> BlockStatuses = ["blocked", "lost"];

    /// <summary>Blocks an active card; the answer names the blacklist version, or refuses (404 unknown, 409 not active).</summary>
    public static async Task<ChangeResult> BlockAsync(ChangeContext change, string uid, string status, string why, CancellationToken cancellation)
    {
        if (!BlockStatuses.Contains(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "blocked or lost");
        }

        if (!await SetStatusAsync(change, uid, "active", status, why, cancellation))
        {
            return await RefusalAsync(change, uid, $"only an active card can be blocked", cancellation);
        }

        uint version = await BlacklistPublisher.ListCardAsync(change, uid, status == "lost" ? BlacklistReasons.Lost : BlacklistReasons.Blocked, why, cancellation);
        await change.AuditAsync("card.block", $"card:{uid}", why, $"status {status}, blacklist version {version}", cancellation);
        return new ChangeResult(StatusCodes.Status200OK, new CardBlockAnswer(uid, status, version));
    }

    /// <summary>Makes a blocked or lost card active again and takes it off the blacklist.</summary>
    public static async Task<ChangeResult> UnblockAsync(ChangeContext change, string uid, string why, CancellationToken cancellation)
    {
        bool changed = false;
        foreach (var from in BlockStatuses)
        {
            changed = changed || await SetStatusAsync(change, uid, from, "active", why, cancellation);
        }

        if (!changed)
        {
            return await RefusalAsync(change, uid, "only a blocked or lost card can be unblocked", cancellation);
        }

        uint version = await BlacklistPublisher.UnlistCardAsync(change, uid, why, cancellation);
        await change.AuditAsync("card.unblock", $"card:{uid}", why, $"status active, blacklist version {version}", cancellation);
        return new ChangeResult(StatusCodes.Status200OK, new CardBlockAnswer(uid, "active", version));
    }

    private static async Task<bool> SetStatusAsync(ChangeContext change, string uid, string from, string to, string why, CancellationToken cancellation)
    {
        await using var update = change.Command("""
            update cards set status = @to, status_changed_at = @at, status_reason = @why where uid = @uid and status = @from
            """);
        update.With("to", to).With("at", change.Now).With("why", why).With("uid", uid).With("from", from);
        return await update.ExecuteNonQueryAsync(cancellation) == 1;
    }

    private static async Task<ChangeResult> RefusalAsync(ChangeContext change, string uid, string rule, CancellationToken cancellation)
    {
        await using var read = change.Command("select status from cards where uid = @uid");
        return await read.With("uid", uid).ExecuteScalarAsync(cancellation) is string status
            ? ChangeRequests.Problem(StatusCodes.Status409Conflict, $"The card is {status}.", $"Card {uid} is {status}: {rule}.")
            : ChangeRequests.Problem(StatusCodes.Status404NotFound, "Unknown card.", $"Card {uid} is not in the card registry.");
    }
}

/// <summary>A card's status after a block or unblock, and the blacklist version that carries it to the fleet.</summary>
public sealed record CardBlockAnswer(string Uid, string Status, uint BlacklistVersion);
