namespace Terminal.Simulation.Flash;

public enum FlashWriteKind
{
    Append,
    Replace,
    Delete,
}

/// <summary>
/// One write operation as the flash saw it. A power cut at position k in [0, <see cref="Size"/>] lets the
/// first k units reach the flash: bytes of an append, bytes of a replace's temporary copy (its rename commits
/// only at k = Size), or the single unit of a delete. k = Size means the operation completed and the power
/// died before the call returned.
/// </summary>
/// <param name="Ordinal">Position among all write operations this flash (and the flash it was cloned from) performed.</param>
public readonly record struct FlashWrite(long Ordinal, FlashWriteKind Kind, string Name, int Length)
{
    public int Size => Kind == FlashWriteKind.Delete ? 1 : Length;
}
