namespace Backend.Ingest.Cards;

/// <summary>
/// The issuing desk's request to register a card: its UID (8, 14 or 20 hex digits), concession (firmware CardType
/// 0 adult .. 4 staff), key version (0..255), last valid day (yyyy-MM-dd), the desk or place issuing it, an optional
/// passenger account, and the first load in cents (optional) with how it was paid.
/// </summary>
public sealed record CardRegistration(
    string? Uid, int? CardType, int? KeyVersion, string? ExpiryDay, string? IssuedBy, long? AccountId, long? FirstLoad, string? PaidBy);
