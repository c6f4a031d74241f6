namespace Backend.Ingest.Feedback;

/// <summary>
/// A staff member's move of one item: its new status, the note saying why (the audit's reason), and optionally the
/// card and trip it turned out to be about.
/// </summary>
public sealed record FeedbackTriage(string? Status, string? Note, string? CardUid, long? TripTerminal, long? TripSequence);
