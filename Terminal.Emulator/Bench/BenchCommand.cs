using System.CommandLine;

namespace Terminal.Emulator.Bench;

/// <summary>`bench`: measurements of the real firmware code on simulated hardware, one sub-command per subsystem.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measures firmware subsystems on simulated hardware; each prints a final JSON line.");
        bench.Subcommands.Add(BlacklistBench.CreateCommand());
        bench.Subcommands.Add(TapBench.CreateCommand());
        bench.Subcommands.Add(DeviceBenchCommand.CreateCommand());
        bench.Subcommands.Add(PendingLoadBench.CreateCommand());
        bench.Subcommands.Add(IngestBenchCommand.Create());
        bench.Subcommands.Add(LedgerBenchCommand.Create());
        bench.Subcommands.Add(DayBenchCommand.Create());
        bench.Subcommands.Add(DayBenchCommand.CreateTerminals());
        return bench;
    }
}
