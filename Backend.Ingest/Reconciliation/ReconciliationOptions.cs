namespace Backend.Ingest.Reconciliation;

/// <summary>
/// <c>Backend:Reconciliation</c>: the rules' thresholds, the policy per rule (<c>Actions:{rule}</c> = Block or
/// Review) and the consumer's pace. The defaults are those docs/reconciliation.md explains.
/// </summary>
public sealed class ReconciliationOptions
{
    public const string Section = "Backend:Reconciliation";

    /// <summary>Two accepted taps of one card on different terminals closer than this are one card in two places.</summary>
    public int MinSecondsBetweenBuses { get; set; } = 60;

    /// <summary>How far two terminals' clocks (or a terminal's and the backend's) may disagree before a comparison of times counts.</summary>
    public int ClockToleranceSeconds { get; set; } = 300;

    /// <summary>How long a block takes to reach the fleet (the next status of every bus) before an accepted tap of the card is late.</summary>
    public int BlacklistGraceSeconds { get; set; } = 120;

    /// <summary>The most records one pass examines (one transaction of findings and cursor moves).</summary>
    public int RecordsPerPass { get; set; } = 2000;

    /// <summary>The pause after a pass that found nothing new.</summary>
    public int IdleMilliseconds { get; set; } = 250;

    /// <summary>Rule name to action; a rule not named keeps its <see cref="FindingRule.DefaultAction"/>.</summary>
    public Dictionary<string, FindingAction> Actions { get; set; } = [];

    public FindingAction ActionFor(FindingRule rule) => Actions.TryGetValue(rule.Name, out var action) ? action : rule.DefaultAction;

    /// <summary>Refuses a configuration that names no rule, or would block on a rule that has no card to block.</summary>
    public void Validate()
    {
        foreach (var (name, action) in Actions)
        {
            var rule = FindingRule.Named(name)
                ?? throw new InvalidOperationException($"{Section}:Actions names '{name}', which is not a rule: {string.Join(", ", FindingRule.All.Select(r => r.Name))}.");
            if (action == FindingAction.Block && !rule.ConcernsCard)
            {
                throw new InvalidOperationException($"{Section}:Actions:{name} is Block, but that rule concerns a QR account, not a card: use Review.");
            }
        }

        if (MinSecondsBetweenBuses < 0 || ClockToleranceSeconds < 0 || BlacklistGraceSeconds < 0 || RecordsPerPass < 1 || IdleMilliseconds < 1)
        {
            throw new InvalidOperationException($"{Section}: the seconds may not be negative, RecordsPerPass and IdleMilliseconds must be at least 1.");
        }
    }
}
