using System.CommandLine;
using Terminal.Emulator.Fleet;

namespace Terminal.Emulator.Bench;

/// <summary>`bench day` (<see cref="DayBench"/>) and its hidden terminal side `bench day-terminals` (<see cref="DayBenchTerminals"/>).</summary>
public static class DayBenchCommand
{
    public const int MaxTerminals = 10_000;
    public const string MosquittoVariable = "BUSFARE_TEST_MOSQUITTO";

    public static Command Create()
    {
        var terminals = new Option<int>("--terminals") { Description = $"Terminals in service (1 to {MaxTerminals:N0}).", DefaultValueFactory = _ => 2_000 };
        var minutes = new Option<double>("--minutes") { Description = "Real minutes the service day (05:00 to 23:00) is compressed into.", DefaultValueFactory = _ => 3 };
        var broker = new Option<string>("--broker") { Description = "The broker: the backend's embedded one, or a private Mosquitto on the backend's generated configuration (Production mode).", DefaultValueFactory = _ => "embedded" };
        broker.AcceptOnlyFromAmong("embedded", "mosquitto");
        var store = new Option<string>("--store") { Description = "The backend's database.", DefaultValueFactory = _ => "sqlite" };
        store.AcceptOnlyFromAmong("sqlite", "postgres");
        var processes = new Option<int>("--processes") { Description = "Child processes the terminals are shared among.", DefaultValueFactory = _ => 2 };
        var postgres = new Option<string?>("--postgres") { Description = $"PostgreSQL connection string (default: ${IngestBenchCommand.PostgresVariable}); the bench works in fresh schemas it drops afterwards." };
        var mosquitto = new Option<string?>("--mosquitto") { Description = $"The mosquitto executable (default: ${MosquittoVariable}, else /usr/sbin/mosquitto)." };
        var command = new Command("day", "A compressed service day of a city's fleet, terminals in their own processes: peak rate, ack time at peak, resends, drops, CPU and memory of the backend.")
        {
            terminals, minutes, broker, store, processes, postgres, mosquitto,
        };
        command.SetAction((parseResult, cancellation) => RunAsync(
            new DayBenchOptions(parseResult.GetValue(broker)!, parseResult.GetValue(store)!, parseResult.GetValue(terminals), parseResult.GetValue(processes), parseResult.GetValue(minutes)),
            parseResult.GetValue(postgres) ?? Environment.GetEnvironmentVariable(IngestBenchCommand.PostgresVariable), Console.Out, cancellation,
            parseResult.GetValue(mosquitto) ?? Environment.GetEnvironmentVariable(MosquittoVariable) ?? "/usr/sbin/mosquitto"));
        return command;
    }

    public static Command CreateTerminals()
    {
        var plan = new Option<string>("--plan") { Required = true };
        var result = new Option<string>("--result") { Required = true };
        var command = new Command(DayBench.TerminalsCommand, "The terminal processes of `bench day`.") { plan, result };
        command.Hidden = true;
        command.SetAction((parseResult, cancellation) =>
            DayBenchTerminals.RunAsync(parseResult.GetValue(plan)!, parseResult.GetValue(result)!, Console.In, Console.Out, cancellation));
        return command;
    }

    public static async Task<int> RunAsync(DayBenchOptions options, string? postgres, TextWriter output, CancellationToken cancellation, string? mosquitto = null)
    {
        if (options.Store == "postgres" && string.IsNullOrWhiteSpace(postgres))
        {
            output.WriteLine($"--store postgres needs --postgres <connection string> or ${IngestBenchCommand.PostgresVariable}.");
            return 2;
        }

        if (options.Terminals is < 1 or > MaxTerminals || options.Processes < 1 || options.Processes > options.Terminals || options.Minutes <= 0)
        {
            output.WriteLine($"--terminals must be 1 to {MaxTerminals:N0}, --processes 1 to --terminals, --minutes more than 0.");
            return 2;
        }

        if (options.Broker == "mosquitto" && !File.Exists(mosquitto))
        {
            output.WriteLine($"--broker mosquitto needs --mosquitto <executable> or ${MosquittoVariable}; {mosquitto ?? "none"} is not there.");
            return 2;
        }

        if (options.Broker == "embedded" && Backend.Ingest.Broker.EmbeddedBrokerCeiling.WarningFor(options.Terminals) is { } warning)
        {
            output.WriteLine($"Warning: {warning}");
        }

        var ids = Enumerable.Range(1, options.Terminals).Select(n => (uint)n).ToArray();
        var database = options.Store == "postgres" ? postgres : null;
        await using var backend = options.Broker == "mosquitto"
            ? await BackendHost.StartOnMosquittoAsync(database, mosquitto!, ids, cancellation)
            : await BackendHost.StartAsync(database, cancellation);
        var fleet = await backend.ForFleetAsync(ids, cancellation);
        // Mosquitto counts its drops on $SYS, which only an administrator may read: the bench reports none counted there.
        Func<long?> drops = backend.BrokerProcessId is null ? () => backend.BrokerDrops : () => null;
        return await DayBench.RunAsync(options, new DayBenchBackend(fleet, backend.InstalledVersions, backend.BaselineAsync, drops, backend.BrokerProcessId), output, cancellation);
    }
}
