namespace Backend.Ingest.Reconciliation;

/// <summary>
/// A finding a rule made, not yet stored: the rule, the card or account, the key that names its cause (unique
/// in <c>findings</c>, so the same cause never makes two rows), and the evidence.
/// </summary>
public sealed record FindingDraft(FindingRule Rule, string? CardUid, uint? AccountId, string DedupKey, object Evidence)
{
    public string Subject => CardUid is not null ? $"card:{CardUid}" : $"account:{AccountId}";
}
