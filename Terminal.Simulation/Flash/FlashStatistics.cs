namespace Terminal.Simulation.Flash;

/// <summary>
/// Operation counters of a <see cref="SimulatedFlash"/>. <see cref="Reads"/> counts <c>Read</c> calls only;
/// <c>Exists</c> and <c>Length</c> are metadata look-ups counted in <see cref="MetadataQueries"/>.
/// Subtract two snapshots to measure one piece of work.
/// </summary>
public readonly record struct FlashStatistics(long Reads, long BytesRead, long Writes, long BytesWritten, long MetadataQueries)
{
    public static FlashStatistics operator -(FlashStatistics after, FlashStatistics before) => new(
        after.Reads - before.Reads,
        after.BytesRead - before.BytesRead,
        after.Writes - before.Writes,
        after.BytesWritten - before.BytesWritten,
        after.MetadataQueries - before.MetadataQueries);
}
