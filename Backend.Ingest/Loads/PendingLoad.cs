namespace Backend.Ingest.Loads;

/// <summary>
/// Value paid for a card that the fleet writes onto it at its next tap (a row of <c>pending_loads</c>): how much
/// (cents), where the money came from (<see cref="FundingAccount"/>, a ledger account), the payment behind it if any,
/// until when it may be picked up, and, once applied, by which terminal's journal record.
/// </summary>
public sealed record PendingLoad(
    long LoadId,
    string CardUid,
    long Amount,
    string Status,
    string FundingAccount,
    string? PaymentId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? AppliedAt,
    long? AppliedTerminal,
    long? AppliedSequence,
    string Why);
