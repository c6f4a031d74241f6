using System.Text.Json;
using System.Text.Json.Serialization;

namespace Backend.Ingest.Reconciliation;

/// <summary>
/// A finding as the review queue shows it: the rule, the card or account, how grave, what the policy did
/// (<c>block</c> or <c>review</c>), where it stands (open, confirmed, dismissed) and who decided when and why.
/// <see cref="Evidence"/> (the records involved and the figures compared) comes with GET /api/findings/{id} only.
/// </summary>
public sealed record FindingView(
    long Id,
    string Rule,
    string? CardUid,
    long? AccountId,
    string Severity,
    string Action,
    string Status,
    DateTimeOffset CreatedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionReason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Evidence);

/// <summary>The findings that matched, newest first, and the row limit that was applied.</summary>
public sealed record FindingList(int Limit, IReadOnlyList<FindingView> Findings);

/// <summary>The body of POST /api/findings/{id}/decision: <c>confirm</c> (blocks the card or account) or <c>dismiss</c>, and why.</summary>
public sealed record FindingDecisionRequest(string? Decision, string? Reason);

/// <summary>The decided finding, and whether the decision blocked its card or account (false when it was no longer active).</summary>
public sealed record FindingDecision(FindingView Finding, bool Blocked);
