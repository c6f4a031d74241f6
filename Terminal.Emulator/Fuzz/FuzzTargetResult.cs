namespace Terminal.Emulator.Fuzz;

/// <summary>What one target's run tried and found.</summary>
public sealed record FuzzTargetResult(string Target, long Inputs, double Seconds, IReadOnlyList<FuzzFinding> Findings)
{
    public int Crashes => Findings.Count(f => !f.Hang);

    public int Hangs => Findings.Count(f => f.Hang);
}
