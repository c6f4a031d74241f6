namespace Backend.Ingest.Reconciliation;

/// <summary>
/// One fraud or consistency rule of the reconciliation: its name (as the <c>findings.rule</c> column holds it), how
/// grave a hit is, whether it concerns a card or a QR account, and what it does by default: block the card at once
/// for the rules whose evidence admits no honest explanation, queue for review otherwise (docs/reconciliation.md).
/// </summary>
public sealed record FindingRule(string Name, string Severity, bool ConcernsCard, FindingAction DefaultAction)
{
    public static readonly FindingRule BalanceAboveLedger = new("balance_above_ledger", "high", true, FindingAction.Review);
    public static readonly FindingRule CounterWentBack = new("counter_went_back", "high", true, FindingAction.Review);
    public static readonly FindingRule CounterRepeated = new("counter_repeated", "high", true, FindingAction.Block);
    public static readonly FindingRule TravelTime = new("travel_time", "high", true, FindingAction.Block);
    public static readonly FindingRule UnregisteredCard = new("unregistered_card", "high", true, FindingAction.Review);
    public static readonly FindingRule LateBlacklist = new("late_blacklist", "medium", true, FindingAction.Review);
    public static readonly FindingRule AccountOverdrawn = new("account_overdrawn", "medium", false, FindingAction.Review);

    public static readonly IReadOnlyList<FindingRule> All =
        [BalanceAboveLedger, CounterWentBack, CounterRepeated, TravelTime, UnregisteredCard, LateBlacklist, AccountOverdrawn];

    public static FindingRule? Named(string name) => All.FirstOrDefault(rule => rule.Name == name);
}

/// <summary>What the policy does with a new finding: block the card now (the finding is born confirmed), or leave it open for review.</summary>
public enum FindingAction
{
    Review,
    Block,
}
