using System.CommandLine;

namespace Terminal.Emulator.Fleet;

/// <summary>
/// `fleet`, the main job: starts the backend in-process on its embedded defaults, prints its web address, runs a
/// small fleet through a compressed service day with a network cut, a broker restart and a power cycle (or the
/// faults given with --schedule, or typed on stdin) and a cloned card, streams what the backend stores, then prints
/// the tally of journaled against stored records, the books, the clone's fate and a final JSON line, and exits 0
/// only when every record was stored exactly once, the books balance against the cards, and the clone was caught
/// and refused by every bus.
/// </summary>
public static class FleetCommand
{
    public static Command Create()
    {
        var buses = new Option<int>("--buses") { Description = "How many buses run.", DefaultValueFactory = _ => 5 };
        var minutes = new Option<double>("--minutes") { Description = "Real minutes the service day (05:00-23:00) is compressed into.", DefaultValueFactory = _ => 2 };
        var boardings = new Option<int>("--boardings") { Description = "Boardings per bus over the day.", DefaultValueFactory = _ => 400 };
        var seed = new Option<int>("--seed") { Description = "Seed of the passengers' randomness.", DefaultValueFactory = _ => 1 };
        var schedule = new Option<string?>("--schedule")
        {
            Description = "Faults to script, '<seconds>:<command>' separated by ';' (e.g. '20:cut 2; 40:restore 2'); 'none' for none. Default: a cut, a broker restart and a power cycle spread over the day.",
        };
        var keepRunning = new Option<bool>("--keep-running") { Description = "After the tally, keep the backend and its web page up until 'quit' or Ctrl+C." };
        var command = new Command("fleet", "Runs the backend on embedded defaults and a fleet of emulated buses through a compressed day; prints the web address, the arrivals and the tally.")
        {
            buses, minutes, boardings, seed, schedule, keepRunning,
        };
        command.SetAction((parseResult, cancellation) => RunAsync(
            parseResult.GetValue(buses), parseResult.GetValue(minutes), parseResult.GetValue(boardings), parseResult.GetValue(seed),
            parseResult.GetValue(schedule), parseResult.GetValue(keepRunning), Console.In, Console.Out, cancellation));
        return command;
    }

    public static async Task<int> RunAsync(
        int busCount, double minutes, int boardings, int seed, string? scheduleText, bool keepRunning, TextReader input, TextWriter output, CancellationToken cancellation)
    {
        if (busCount < 1 || minutes <= 0 || boardings < 0)
        {
            output.WriteLine("--buses must be at least 1, --minutes above 0 and --boardings not negative.");
            return 2;
        }

        // Said before anything starts, so the operator can stop a run the embedded broker cannot carry.
        if (Backend.Ingest.Broker.EmbeddedBrokerCeiling.WarningFor(busCount) is { } warning)
        {
            output.WriteLine($"Warning: {warning}");
        }

        var runTime = TimeSpan.FromMinutes(minutes);
        IReadOnlyList<ScheduledOrder> schedule;
        if (scheduleText is null)
        {
            schedule = FleetSchedule.Demonstration(runTime, busCount);
        }
        else if (scheduleText.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            schedule = [];
        }
        else if (!FleetSchedule.TryParse(scheduleText, busCount, out schedule, out var error))
        {
            output.WriteLine($"--schedule: {error}");
            return 2;
        }

        await using var backend = await BackendHost.StartAsync(postgres: null, cancellation);
        output.WriteLine($"Backend on embedded defaults: {backend.WebAddress} (web page and API), MQTT broker on 127.0.0.1:{backend.BrokerPort}");
        var (viewer, oneTimePassword) = await backend.CreateViewerAsync(cancellation);
        output.WriteLine($"Sign in at {backend.WebAddress} as {viewer} with the one-time password {oneTimePassword} (this run's throw-away data folder only)");
        var options = new FleetOptions { Buses = busCount, RunTime = runTime, BoardingsPerBus = boardings, Seed = seed, Schedule = schedule };
        using var fleet = new Fleet(options, await backend.ForFleetAsync(Enumerable.Range(1, busCount).Select(n => (uint)n), cancellation), output);
        output.WriteLine($"Type commands while it runs ({FleetOrderParser.Usage}).");
        using var quit = new CancellationTokenSource();
        StartReading(input, fleet, busCount, quit, output);

        var report = await fleet.RunAsync(cancellation);
        var clean = report.IsClean && fleet.Failures.Count == 0;
        output.WriteLine(report.ToJson());
        if (keepRunning && !cancellation.IsCancellationRequested)
        {
            output.WriteLine($"The day is over; the backend keeps running at {backend.WebAddress} until 'quit' or Ctrl+C.");
            try
            {
                await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(quit.Token, cancellation).Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return clean ? 0 : 1;
    }

    /// <summary>Reads commands from stdin on a thread of its own: a blocked console read must not hold the run.</summary>
    private static void StartReading(TextReader input, Fleet fleet, int busCount, CancellationTokenSource quit, TextWriter output)
    {
        var reader = new Thread(() =>
        {
            string? line;
            while ((line = input.ReadLine()) is not null)
            {
                if (line.Trim().Length == 0)
                {
                    continue;
                }

                if (!FleetOrderParser.TryParse(line, busCount, out var order, out var error))
                {
                    fleet.Log.Line($"? {error}");
                    continue;
                }

                if (order.Kind == FleetOrderKind.Quit)
                {
                    quit.Cancel();
                }

                fleet.ExecuteAsync(order).GetAwaiter().GetResult();
            }
        }) { IsBackground = true, Name = "fleet commands" };
        reader.Start();
    }
}
