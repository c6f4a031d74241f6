namespace Backend.Ingest.Ledger;

/// <summary>A load at the desk: how much (cents) and how it was paid ("cash", or "payment" by bank card or transfer).</summary>
public sealed record DeskLoad(long? Amount, string? PaidBy);
