namespace Terminal.Emulator.Fuzz;

/// <summary>
/// Saves each finding as <c>{target}-{seed}-{index}.bin</c> (the input bytes) beside a <c>.txt</c> with what
/// happened and how to regenerate it, so a crash can be replayed and turned into a regression test.
/// </summary>
public static class FuzzCrashStore
{
    public static void Save(string directory, FuzzFinding finding)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, $"{finding.Target}-{finding.Seed}-{finding.Index}");
        File.WriteAllBytes(stem + ".bin", finding.Input);
        File.WriteAllText(stem + ".txt",
            $"target: {finding.Target}\nseed: {finding.Seed}\ninput: {finding.Index} (FuzzMutator.Input(seeds, {finding.Seed}, {finding.Index}))\n" +
            $"kind: {(finding.Hang ? "hang" : "crash")}\n\n{finding.What}\n");
    }
}
