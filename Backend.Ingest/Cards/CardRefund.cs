namespace Backend.Ingest.Cards;

/// <summary>
/// Paying out a card's remaining balance in cash and retiring it; the reason goes to the audit log. <see cref="Amount"/>,
/// optional, is the balance in cents the desk saw and pays out: refused unless it is what the ledger holds.
/// </summary>
public sealed record CardRefund(string? Reason, long? Amount = null);
