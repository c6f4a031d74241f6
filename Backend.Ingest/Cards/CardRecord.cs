namespace Backend.Ingest.Cards;

/// <summary>A row of the card registry as the API shows it.</summary>
public sealed record CardRecord(
    string Uid, int CardType, int KeyVersion, DateOnly ExpiryDay, string Status, long? AccountId,
    DateTimeOffset IssuedAt, string IssuedBy, DateTimeOffset StatusChangedAt, string? StatusReason);
