using Backend.Ingest.Ledger;

namespace Backend.Ingest.Cards;

/// <summary>
/// One card: its registry row, what the ledger says it holds (cents), what the card last reported on a tap (null
/// before its first tap), and its latest transfers, newest first.
/// </summary>
public sealed record CardView(CardRecord Card, long LedgerBalance, CardReport? LastReported, IReadOnlyList<LedgerTransferView> RecentTransfers);
