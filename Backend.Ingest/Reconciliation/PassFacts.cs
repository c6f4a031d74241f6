namespace Backend.Ingest.Reconciliation;

/// <summary>
/// What the rules compare one pass's records with, read from the database before they run: every stored record
/// of the cards concerned (from any terminal, examined or not), their registry rows, their ledger transfers, and
/// the ledger balances of the QR accounts concerned.
/// </summary>
public sealed class PassFacts
{
    public Dictionary<string, List<PassengerRecord>> CardHistories { get; } = [];

    public Dictionary<string, RegisteredCard> Registry { get; } = [];

    public Dictionary<string, List<CardTransfer>> CardTransfers { get; } = [];

    public Dictionary<uint, AccountLedger> Accounts { get; } = [];

    public IReadOnlyList<PassengerRecord> HistoryOf(string uid) => CardHistories.TryGetValue(uid, out var history) ? history : [];

    public IReadOnlyList<CardTransfer> TransfersOf(string uid) => CardTransfers.TryGetValue(uid, out var transfers) ? transfers : [];
}

/// <summary>A card's row in the registry, as far as the rules need it.</summary>
public sealed record RegisteredCard(string Uid, string Status, long StatusChangedAt);

/// <summary>One ledger transfer touching <c>card:{UID}</c>, seen from the card: a credit (value in) or a debit (value out).</summary>
public sealed record CardTransfer(string Kind, bool IsCredit, long Amount, uint? SourceTerminal, uint? SourceSequence, long OccurredAt)
{
    public string? SourceKey => SourceTerminal is { } terminal && SourceSequence is { } sequence ? $"{terminal}/{sequence}" : null;
}

/// <summary>A QR account's ledger: what was credited and debited to <c>account:{id}</c>.</summary>
public sealed record AccountLedger(uint AccountId, long Credits, long Debits)
{
    public long Balance => Credits - Debits;
}
