namespace Backend.Ingest.Cards;

/// <summary>The answer to a change of a card: its registry row and what the ledger says it holds afterwards (cents).</summary>
public sealed record CardBalance(CardRecord Card, long LedgerBalance);
