using System.CommandLine;

namespace Terminal.Emulator;

/// <summary>The emulator's command line: one sub-command per job (reader, demo, bench, torture).</summary>
public static class EmulatorCommands
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Runs the real terminal firmware on simulated hardware.");
        root.Subcommands.Add(Bench.BenchCommand.Create());
        return root;
    }
}
