namespace Terminal.Simulation.Mfrc522;

/// <summary>How a simulated MFRC522 differs from the default genuine NXP v2.0 chip on a 5 MHz bus.</summary>
public sealed record Mfrc522ChipOptions
{
    /// <summary>What VersionReg reads: 0x91/0x92 NXP, 0x88/0x89/0xB2 Fudan clones, 0x00/0xFF as on a broken bus.</summary>
    public byte Version { get; init; } = 0x92;

    /// <summary>SPI clock; every byte costs 8 clock periods of simulated time.</summary>
    public int SpiClockHz { get; init; } = 5_000_000;

    /// <summary>How long PowerDown reads 1 after SoftReset or wake-up: oscillator start-up (datasheet §8.8).</summary>
    public int WakeUpMicroseconds { get; init; } = 38;

    /// <summary>
    /// How long the receiver listens when the timer does not bound it (TAuto off): longer than any
    /// card takes to answer, so a reply is never lost, while silence stays bounded in simulated time.
    /// </summary>
    public int UntimedListenMicroseconds { get; init; } = 20_000;

    /// <summary>When set, MISO is stuck at this level and every read returns it: a disconnected or dead chip.</summary>
    public byte? MisoStuckAt { get; init; }

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(SpiClockHz, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SpiClockHz, 10_000_000, "SpiClockHz (the MFRC522 tops out at 10 Mbit/s)");
        ArgumentOutOfRangeException.ThrowIfNegative(WakeUpMicroseconds);
        ArgumentOutOfRangeException.ThrowIfLessThan(UntimedListenMicroseconds, 1);
    }
}
