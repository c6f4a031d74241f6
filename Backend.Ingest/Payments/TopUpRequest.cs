namespace Backend.Ingest.Payments;

/// <summary>An online top-up: of a card (its UID) or of an account (its id), never both; how much, in cents.</summary>
public sealed record TopUpRequest(string? CardUid, long? AccountId, long? Amount);
