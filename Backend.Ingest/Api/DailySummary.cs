namespace Backend.Ingest.Api;

/// <summary>One UTC day's transactions (by the terminals' clocks), counted and summed per kind.</summary>
public sealed record DailySummary(DateOnly Date, long Transactions, IReadOnlyList<KindTotal> ByKind);

/// <summary>How many records of one kind, and their amounts added up (fares, top-ups, reversals; refusals carry none).</summary>
public sealed record KindTotal(string Kind, long Count, long Amount, string AmountText);
