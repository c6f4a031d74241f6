using System.CommandLine;
using Terminal.Emulator.Fleet;

namespace Terminal.Emulator.Bench;

/// <summary>`bench ingest`: the command line of <see cref="IngestBench"/>, with the real backend hosted in-process.</summary>
public static class IngestBenchCommand
{
    public const string PostgresVariable = "BUSFARE_TEST_POSTGRES";

    public static Command Create()
    {
        var store = new Option<string>("--store") { Description = "The backend's database.", DefaultValueFactory = _ => "sqlite" };
        store.AcceptOnlyFromAmong("sqlite", "postgres");
        var terminals = new Option<int>("--terminals") { Description = "Terminals connected and uploading at once.", DefaultValueFactory = _ => 200 };
        var tx = new Option<int>("--tx") { Description = "Journal records, spread evenly over the terminals.", DefaultValueFactory = _ => 200_000 };
        var postgres = new Option<string?>("--postgres") { Description = $"PostgreSQL connection string (default: ${PostgresVariable}); the bench works in fresh schemas it drops afterwards." };
        var command = new Command("ingest", "Records stored and acknowledged per second from emulated terminals through the broker into the database, against the store's bulk path.")
        {
            store, terminals, tx, postgres,
        };
        command.SetAction((parseResult, cancellation) => RunAsync(
            parseResult.GetValue(store)!, parseResult.GetValue(terminals), parseResult.GetValue(tx),
            parseResult.GetValue(postgres) ?? Environment.GetEnvironmentVariable(PostgresVariable), Console.Out, cancellation));
        return command;
    }

    public static async Task<int> RunAsync(string store, int terminals, int tx, string? postgres, TextWriter output, CancellationToken cancellation)
    {
        if (store == "postgres" && string.IsNullOrWhiteSpace(postgres))
        {
            output.WriteLine($"--store postgres needs --postgres <connection string> or ${PostgresVariable}.");
            return 2;
        }

        if (terminals < 1 || tx < terminals)
        {
            output.WriteLine("--terminals must be at least 1 and --tx at least --terminals.");
            return 2;
        }

        await using var backend = await BackendHost.StartAsync(store == "postgres" ? postgres : null, cancellation);
        var fleet = await backend.ForFleetAsync(Enumerable.Range(1, terminals + IngestBench.WarmupTerminalsFor(terminals)).Select(n => (uint)n), cancellation);
        return await IngestBench.RunAsync(store, terminals, tx, new IngestBenchBackend(fleet, backend.BaselineAsync, () => backend.BrokerDrops), output, cancellation);
    }
}
