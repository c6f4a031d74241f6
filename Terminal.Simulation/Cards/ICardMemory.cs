namespace Terminal.Simulation.Cards;

/// <summary>Raw access to a card's non-volatile memory for tests: inspect it, and put it back as it was.</summary>
public interface ICardMemory
{
    /// <summary>A copy of the whole memory image.</summary>
    byte[] Snapshot();

    /// <summary>Puts back an image taken by <see cref="Snapshot"/> of a card of the same type.</summary>
    void Restore(byte[] image);
}
