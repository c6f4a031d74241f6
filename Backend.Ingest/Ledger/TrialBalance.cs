namespace Backend.Ingest.Ledger;

/// <summary>
/// The ledger's totals per account class (card, account, revenue, clearing, expense, equity) and their sum, which
/// is zero in a sound ledger: every transfer credits exactly what it debits.
/// </summary>
public sealed record TrialBalance(IReadOnlyList<TrialBalanceLine> Classes, long Total, long Transfers, bool Balanced);

/// <summary>One account class: its balance (sum of credits - sum of debits) and how many accounts of it have transfers.</summary>
public sealed record TrialBalanceLine(string AccountClass, long Balance, long Accounts);
