using Backend.Ingest.Cards;
using Backend.Ingest.Ledger;

namespace Backend.Ingest.Accounts;

/// <summary>One account: its row, its prepaid QR balance from the ledger (cents), its linked cards and latest transfers.</summary>
public sealed record AccountView(AccountRecord Account, long Balance, IReadOnlyList<CardRecord> Cards, IReadOnlyList<LedgerTransferView> RecentTransfers);
