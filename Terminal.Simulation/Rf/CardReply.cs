namespace Terminal.Simulation.Rf;

/// <summary>
/// A card's answer: <paramref name="BitCount"/> bits of <paramref name="Data"/>, least significant
/// bit first, starting with the first bit the card sends (anticollision answers begin in the
/// middle of a UID byte). CRC_A bytes are included when the card sends them. The card starts
/// answering <paramref name="LatencyMicroseconds"/> after the reader's frame ended (the frame
/// delay time, plus EEPROM programming for writes).
/// </summary>
public sealed record CardReply(byte[] Data, int BitCount, int LatencyMicroseconds);
