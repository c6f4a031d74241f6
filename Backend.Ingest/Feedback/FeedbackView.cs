namespace Backend.Ingest.Feedback;

/// <summary>One feedback item as staff see it, with its triage so far.</summary>
public sealed record FeedbackView(
    long Id,
    DateTimeOffset SubmittedAt,
    string Topic,
    string Message,
    string? Contact,
    string? CardUid,
    long? TripTerminal,
    long? TripSequence,
    string Status,
    DateTimeOffset StatusChangedAt,
    string? StatusChangedBy,
    string? StaffNote);
