namespace Backend.Ingest.Ledger;

/// <summary>One balanced transfer to post: <see cref="Amount"/> (cents, &gt; 0) moves from the debit to the credit account.</summary>
public sealed record LedgerPosting(string Kind, string DebitAccount, string CreditAccount, long Amount);
