namespace Terminal.Emulator.Fuzz;

/// <summary>A target's starting inputs: its built-in valid seeds plus every file in <c>{corpus}/{target}/</c> (found cases kept as regressions).</summary>
public static class FuzzCorpus
{
    public static IReadOnlyList<byte[]> For(IFuzzTarget target, string? corpus)
    {
        var seeds = target.Seeds().ToList();
        var folder = corpus is null ? null : Path.Combine(corpus, target.Name);
        if (folder is not null && Directory.Exists(folder))
        {
            seeds.AddRange(Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(File.ReadAllBytes));
        }

        return seeds;
    }
}
