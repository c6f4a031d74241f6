namespace Terminal.Simulation.Mfrc522;

/// <summary>
/// What the host paid on the SPI bus: transactions (chip-select periods, each a fixed cost on an
/// interpreter), bytes, and the bus time they took at the configured clock.
/// </summary>
public readonly record struct SpiStatistics(long Transactions, long Bytes, long Microseconds)
{
    public static SpiStatistics operator -(SpiStatistics after, SpiStatistics before) =>
        new(after.Transactions - before.Transactions, after.Bytes - before.Bytes, after.Microseconds - before.Microseconds);
}
