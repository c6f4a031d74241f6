namespace Backend.Ingest.Fleet;

/// <summary>
/// One terminal event from a terminal's journal (a record of kind <c>TerminalEvent</c>) as staff read it: its
/// sequence, the terminal's clock when it happened and the backend's when it was stored, the event's code and its
/// name and detail in words (<see cref="TerminalEventText"/>).
/// </summary>
public sealed record TerminalEventView(long Sequence, DateTimeOffset RecordedAt, DateTimeOffset ReceivedAt, int Code, string Name, string Detail);
