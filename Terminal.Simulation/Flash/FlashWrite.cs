namespace Terminal.Simulation.Flash;

public enum FlashWriteKind
{
    Append,
    Create,
    Delete,
    Move,
}

/// <summary>
/// One write operation of the drive as the flash saw it. A power cut at position k in [0, <see cref="Size"/>]
/// lets the first k units reach the flash: bytes of an append or a create, or the single unit of a delete or a
/// move (rename). k = Size means the operation completed and the power died before the call returned.
/// </summary>
/// <param name="Name">The file written; for a move, its new name.</param>
/// <param name="Ordinal">Position among all write operations this flash (and the flash it was cloned from) performed.</param>
public readonly record struct FlashWrite(long Ordinal, FlashWriteKind Kind, string Name, int Length)
{
    public int Size => Kind is FlashWriteKind.Delete or FlashWriteKind.Move ? 1 : Length;
}
