namespace Backend.Ingest.Api;

/// <summary>
/// One stored journal record as the API shows it. The passenger is a card (<see cref="CardUid"/>, with the
/// balance the card held after the write) or a QR token (<see cref="QrAccountId"/> and <see cref="QrTokenId"/>,
/// the latter a decimal string because a 64-bit id does not fit a JavaScript number). Money is in minor units,
/// with the same amount formatted beside it. <see cref="RecordedAt"/> is the terminal's clock,
/// <see cref="ReceivedAt"/> the backend's.
/// </summary>
public sealed record TransactionView(
    uint TerminalId,
    long Sequence,
    string Kind,
    DateTimeOffset RecordedAt,
    DateTimeOffset ReceivedAt,
    int Amount,
    string AmountText,
    string? CardUid,
    long? QrAccountId,
    string? QrTokenId,
    int? BalanceAfter,
    string? BalanceAfterText,
    int RouteId);

/// <summary>The latest transactions, newest first, and the row limit that was applied.</summary>
public sealed record TransactionList(int Limit, IReadOnlyList<TransactionView> Transactions);

/// <summary>A card's history, newest first: what each tap charged or credited and the balance it left.</summary>
public sealed record CardHistory(string CardUid, int Limit, IReadOnlyList<TransactionView> Transactions);
