namespace Backend.Ingest.Feedback;

/// <summary>
/// What feedback may say and how its triage moves: the topics a passenger picks from, the statuses, and which
/// status may follow which (a closed item can be reopened; nothing goes back to new).
/// </summary>
public static class FeedbackRules
{
    public const string New = "new";
    public const string InProgress = "in_progress";
    public const string Answered = "answered";
    public const string Closed = "closed";

    public const int MaxMessage = 2000;
    public const int MaxContact = 200;
    public const int MaxNote = 1000;

    public static readonly IReadOnlyList<string> Topics = ["fares", "card", "qr", "service", "accessibility", "other"];

    public static readonly IReadOnlyList<string> Statuses = [New, InProgress, Answered, Closed];

    private static readonly Dictionary<string, string[]> Next = new()
    {
        [New] = [InProgress, Answered, Closed],
        [InProgress] = [Answered, Closed],
        [Answered] = [InProgress, Closed],
        [Closed] = [InProgress],
    };

    public static IReadOnlyList<string> NextOf(string status) => Next[status];

    public static bool MayMove(string from, string to) => Next[from].Contains(to);
}
