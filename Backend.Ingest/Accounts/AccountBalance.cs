namespace Backend.Ingest.Accounts;

/// <summary>The answer to a change of an account: its row and its prepaid QR balance from the ledger afterwards (cents).</summary>
public sealed record AccountBalance(AccountRecord Account, long Balance);
