namespace Backend.Ingest.Feedback;

/// <summary>
/// What a passenger sends: a topic (<see cref="FeedbackRules.Topics"/>), the message, and optionally a way to
/// answer them, the card it is about and a trip (a journal record: terminal and sequence, as the card's history shows it).
/// </summary>
public sealed record FeedbackSubmission(string? Topic, string? Message, string? Contact, string? CardUid, long? TripTerminal, long? TripSequence);
