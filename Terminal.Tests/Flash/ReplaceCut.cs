using Terminal.Drivers.Storage;
using Terminal.Simulation.Flash;

namespace Terminal.Tests.Flash;

/// <summary>What a power cut inside one of the writes of a replace (<see cref="AtomicReplaceStorage"/>) leaves.</summary>
internal static class ReplaceCut
{
    /// <summary>
    /// True when the cut leaves the new content: it came after the rename of the complete copy to ".new" (the
    /// commit), so the next use finishes the replace; a cut in the copy's create or before that rename keeps the old.
    /// </summary>
    public static bool Committed(FlashWrite write, int position) =>
        write.Kind != FlashWriteKind.Create
        && !(write.Kind == FlashWriteKind.Move && write.Name.EndsWith(AtomicReplaceStorage.CommittedSuffix, StringComparison.Ordinal) && position == 0);
}
