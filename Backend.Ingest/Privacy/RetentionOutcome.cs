namespace Backend.Ingest.Privacy;

/// <summary>What one retention pass did: travel records unlinked, QR tokens deleted, closed accounts' contacts erased.</summary>
public sealed record RetentionOutcome(int TripsUnlinked, int QrTokensDeleted, int ContactsErased);
