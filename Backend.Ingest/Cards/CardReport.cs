namespace Backend.Ingest.Cards;

/// <summary>What the card itself said on its latest journaled write: its balance and transaction counter after it.</summary>
public sealed record CardReport(int Balance, int Counter, string Kind, long Terminal, long Sequence, DateTimeOffset RecordedAt);
