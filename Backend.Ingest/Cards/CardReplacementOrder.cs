namespace Backend.Ingest.Cards;

/// <summary>
/// The desk's request to replace a lost or stolen card (the route's card) by <see cref="NewUid"/>: whether it was
/// lost or stolen, why (for the audit log), and, when the new card is not registered yet, what registering it needs
/// (its key version, last valid day and the desk issuing it; it takes the old card's concession and account).
/// </summary>
public sealed record CardReplacementOrder(string? NewUid, string? Loss, string? Reason, int? KeyVersion, string? ExpiryDay, string? IssuedBy);
