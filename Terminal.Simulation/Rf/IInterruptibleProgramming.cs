namespace Terminal.Simulation.Rf;

/// <summary>A card whose EEPROM programming a tear can cut short, leaving a half-written block or page.</summary>
public interface IInterruptibleProgramming
{
    /// <summary>
    /// The card's next memory write stores only its first <paramref name="bytesProgrammed"/> bytes;
    /// the rest keep their old content. Forgotten when the card loses power.
    /// </summary>
    void InterruptNextProgramming(int bytesProgrammed);
}
