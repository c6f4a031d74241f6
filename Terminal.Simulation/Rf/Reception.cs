namespace Terminal.Simulation.Rf;

/// <summary>
/// What the reader's receiver got: the answers of every card that replied, superposed.
/// <paramref name="CollisionBit"/> is the 0-based index of the first bit on which two cards
/// disagreed, or -1. Bits after a collision are as the first card sent them.
/// </summary>
public sealed record Reception(byte[] Data, int BitCount, int CollisionBit);
