namespace Backend.Ingest.Feedback;

/// <summary>How many items of one topic are in each status.</summary>
public sealed record FeedbackTopicCount(string Topic, long New, long InProgress, long Answered, long Closed, long Total);
