namespace Backend.Ingest.Reconciliation;

/// <summary>
/// The records one pass examines, and how far each terminal's cursor moves when the pass commits: from the mark
/// it was read at (the compare-and-set a second process would fail) to the highest sequence the pass covered.
/// </summary>
public sealed record ExaminationWindow(IReadOnlyList<PassengerRecord> Records, IReadOnlyList<CursorMove> Moves)
{
    public bool IsEmpty => Moves.Count == 0;
}

/// <summary>A terminal's cursor moving from <see cref="From"/> to <see cref="To"/> (sequences examined through).</summary>
public sealed record CursorMove(uint Terminal, long From, long To);
