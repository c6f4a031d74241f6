namespace Terminal.Emulator.Fuzz;

/// <summary>The final JSON line of <c>fuzz</c>.</summary>
public sealed record FuzzSummary(string Target, int Targets, long Inputs, double Seconds, int Crashes, int Hangs, long InputsPerSecond);
