namespace Backend.Ingest.Accounts;

/// <summary>A passenger account's row as the API shows it.</summary>
public sealed record AccountRecord(
    long AccountId, string Status, string? ContactName, string? ContactEmail, string? ContactPhone,
    DateTimeOffset CreatedAt, DateTimeOffset StatusChangedAt, string? StatusReason);
