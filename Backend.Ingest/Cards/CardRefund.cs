namespace Backend.Ingest.Cards;

/// <summary>Paying out a card's remaining balance in cash and retiring it; the reason goes to the audit log.</summary>
public sealed record CardRefund(string? Reason);
