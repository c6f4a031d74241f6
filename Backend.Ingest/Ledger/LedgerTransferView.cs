namespace Backend.Ingest.Ledger;

/// <summary>One transfer as the API shows it; <see cref="Source"/> names its cause: "terminal {id} #{sequence}" or "request:{key}".</summary>
public sealed record LedgerTransferView(
    long TransferId, string Kind, string DebitAccount, string CreditAccount, long Amount, string Source, int Leg,
    DateTimeOffset OccurredAt, DateTimeOffset PostedAt);
