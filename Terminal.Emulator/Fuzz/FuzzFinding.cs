namespace Terminal.Emulator.Fuzz;

/// <summary>One crash or hang: which input (the run's seed and the input's number regenerate it) and what happened.</summary>
public sealed record FuzzFinding(string Target, int Seed, long Index, bool Hang, string What, byte[] Input);
