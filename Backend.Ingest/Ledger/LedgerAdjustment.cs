namespace Backend.Ingest.Ledger;

/// <summary>
/// A manual correction: <see cref="Amount"/> cents (non-zero; positive raises the account's balance, negative
/// lowers it) against equity:adjustment, with the reason an auditor will read.
/// </summary>
public sealed record LedgerAdjustment(string? Account, long? Amount, string? Reason);
