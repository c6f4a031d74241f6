using System.CommandLine;

namespace Terminal.Emulator.Bench;

/// <summary>`bench ledger`: the command line of <see cref="LedgerBench"/>.</summary>
public static class LedgerBenchCommand
{
    public static Command Create()
    {
        var store = new Option<string>("--store") { Description = "The backend's database.", DefaultValueFactory = _ => "sqlite" };
        store.AcceptOnlyFromAmong("sqlite", "postgres");
        var rows = new Option<long>("--rows") { Description = "Journal records loaded (a month of a city's rides).", DefaultValueFactory = _ => 10_000_000 };
        var cards = new Option<int>("--cards") { Description = "Riders (every tenth rides on QR tokens of an account).", DefaultValueFactory = _ => 500_000 };
        var terminals = new Option<int>("--terminals") { Description = "Terminals the records come from.", DefaultValueFactory = _ => 2_000 };
        var postgres = new Option<string?>("--postgres") { Description = $"PostgreSQL connection string (default: ${IngestBenchCommand.PostgresVariable}); the bench works in fresh schemas it drops afterwards." };
        var command = new Command("ledger", "Ledger postings behind ingest against ingest alone, then card history, card reconciliation and a day's report at city size.")
        {
            store, rows, cards, terminals, postgres,
        };
        command.SetAction((parseResult, cancellation) =>
        {
            var connection = parseResult.GetValue(postgres) ?? Environment.GetEnvironmentVariable(IngestBenchCommand.PostgresVariable);
            if (parseResult.GetValue(store) == "postgres" && string.IsNullOrWhiteSpace(connection))
            {
                Console.WriteLine($"--store postgres needs --postgres <connection string> or ${IngestBenchCommand.PostgresVariable}.");
                return Task.FromResult(2);
            }

            if (parseResult.GetValue(rows) < 1 || parseResult.GetValue(cards) < 1 || parseResult.GetValue(terminals) < 1)
            {
                Console.WriteLine("--rows, --cards and --terminals must be at least 1.");
                return Task.FromResult(2);
            }

            return LedgerBench.RunAsync(parseResult.GetValue(store)!, parseResult.GetValue(rows), parseResult.GetValue(cards), parseResult.GetValue(terminals),
                parseResult.GetValue(store) == "postgres" ? connection : null, Console.Out, cancellation);
        });
        return command;
    }
}
