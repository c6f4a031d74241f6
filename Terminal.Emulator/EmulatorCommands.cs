using System.CommandLine;

namespace Terminal.Emulator;

/// <summary>The emulator's command line: one sub-command per job (reader, demo, bench, torture, fleet, fuzz).</summary>
public static class EmulatorCommands
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Runs the real terminal firmware on simulated hardware.");
        root.Subcommands.Add(Demo.DemoCommand.Create());
        root.Subcommands.Add(Reader.ReaderCommand.Create());
        root.Subcommands.Add(Bench.BenchCommand.Create());
        root.Subcommands.Add(Torture.TortureCommand.Create());
        root.Subcommands.Add(Fleet.FleetCommand.Create());
        root.Subcommands.Add(Fuzz.FuzzCommand.Create());
        return root;
    }
}
