using Backend.Ingest.Api;

namespace Backend.Ingest.Downlink;

/// <summary>What a block or unblock request must hold, checked the same way for the API and the Blacklist page.</summary>
public static class CardBlockRules
{
    public const int MaxReasonLength = 500;

    /// <summary>
    /// Checks the card UID, the reason and (for a block, non-null) the status; each problem is added to
    /// <paramref name="errors"/> under the field's name. <paramref name="card"/> is the UID normalised.
    /// </summary>
    public static void Check(string? uid, string? reason, string? status, Dictionary<string, string[]> errors, out string card)
    {
        if (status is not null && !CardBlocks.BlockStatuses.Contains(status))
        {
            errors["status"] = [$"'{status}' is not a block status: blocked or lost."];
        }

        if (!CardUid.TryNormalize(uid ?? "", out card))
        {
            errors["uid"] = [$"'{uid}' is not a card UID: {CardUid.Rule}."];
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
        {
            errors["reason"] = [$"say why, in 1 to {MaxReasonLength} characters: it is kept with the listing and in the audit log."];
        }
    }
}
