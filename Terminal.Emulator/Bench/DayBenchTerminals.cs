using System.Diagnostics;
using Terminal.Emulator.Board;
using Terminal.Emulator.Uplink;
using Terminal.Firmware.Sync;

namespace Terminal.Emulator.Bench;

/// <summary>
/// The terminal side of `bench day`, run in a process of its own (the hidden `bench day-terminals`) so that the
/// parent's CPU and memory figures are the backend's: it connects its share of the fleet, says "ready", waits for
/// "go", then runs the compressed day. Each terminal taps at the day's rate (a tap every <see cref="DayBenchPlan.TapSeconds"/>
/// at the morning peak, Poisson), sends a batch when 64 records wait or the oldest has waited
/// <see cref="DayBenchPlan.BatchSeconds"/>, and publishes a status every <see cref="DayBenchPlan.StatusSeconds"/>.
/// After the day it lets every journal drain, then writes each terminal's <see cref="DayBenchOutcome"/>.
/// </summary>
public static class DayBenchTerminals
{
    public const string Ready = "ready";
    public const string Go = "go";
    public static readonly TimeSpan Drain = TimeSpan.FromSeconds(90);
    private const int ConnectingAtOnce = 64;
    private static readonly TimeSpan Pass = TimeSpan.FromMilliseconds(10);

    public static async Task<int> RunAsync(string planPath, string resultPath, TextReader input, TextWriter output, CancellationToken cancellation)
    {
        var plan = DayBenchPlan.Read(planPath);
        var clock = new HostClock();
        var terminals = plan.Terminals.Select(login => new IngestBenchTerminal(
            login.Id, 0, MqttUplinkSettings.ForTerminal(plan.BrokerHost, plan.BrokerPort, login.Id, login.Password), clock)).ToArray();
        try
        {
            await Parallel.ForEachAsync(terminals, new ParallelOptions { MaxDegreeOfParallelism = ConnectingAtOnce, CancellationToken = cancellation },
                async (terminal, _) => await terminal.ConnectAsync());
            output.WriteLine($"{Ready} {terminals.Count(t => t.IsConnected)}");
            output.Flush();
            if (await input.ReadLineAsync(cancellation) != Go)
            {
                return 2;
            }

            var drained = RunDay(plan, terminals, cancellation);
            DayBenchOutcome.WriteAll(resultPath, terminals.Select(t => new DayBenchOutcome(t.TerminalId, t.Sync.BatchesSent, t.Resends, t.Acks, t.Ledger.Snapshot())));
            return drained ? 0 : 1;
        }
        finally
        {
            Parallel.ForEach(terminals, terminal => terminal.Dispose());
        }
    }

    /// <summary>The day on one thread per core, each stepping its share of the terminals; false if a journal did not drain.</summary>
    private static bool RunDay(DayBenchPlan plan, IngestBenchTerminal[] terminals, CancellationToken cancellation)
    {
        var day = Stopwatch.StartNew();
        var workers = Environment.ProcessorCount;
        var threads = Enumerable.Range(0, workers).Select(w => new Thread(() =>
        {
            var mine = terminals.Where((_, i) => i % workers == w).Select(t => new Schedule(t)).ToArray();
            var random = new Random(w + 1);
            foreach (var schedule in mine)
            {
                schedule.NextTap = NextGap(random, plan.TapSeconds, ServiceDayLoad.Intensity(5));
                schedule.NextStatus = schedule.Terminal.TerminalId % (uint)Math.Max(1, plan.StatusSeconds * 1000) / 1000.0;
            }

            while (!cancellation.IsCancellationRequested)
            {
                var now = day.Elapsed;
                var inDay = now < plan.RunTime;
                if (!inDay && (mine.All(s => s.Terminal.Waiting == 0) || now > plan.RunTime + Drain))
                {
                    return;
                }

                var seconds = now.TotalSeconds;
                var intensity = ServiceDayLoad.Intensity(ServiceDayLoad.HourAt(now, plan.RunTime));
                foreach (var schedule in mine)
                {
                    schedule.Step(plan, seconds, inDay, intensity, random);
                }

                Thread.Sleep(Pass);
            }
        }) { IsBackground = true, Name = $"day worker {w + 1}" }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return terminals.All(t => t.Waiting == 0);
    }

    /// <summary>Seconds to the next tap at <paramref name="intensity"/> of the peak rate (exponential gaps: taps arrive at random).</summary>
    private static double NextGap(Random random, double tapSeconds, double intensity) =>
        -Math.Log(1 - random.NextDouble()) * tapSeconds / Math.Max(intensity, 0.01);

    /// <summary>When one terminal next taps, sends and reports.</summary>
    private sealed class Schedule(IngestBenchTerminal terminal)
    {
        private double _lastSend;
        private int _sentSeen;

        public IngestBenchTerminal Terminal { get; } = terminal;

        public double NextTap { get; set; }

        public double NextStatus { get; set; }

        public void Step(DayBenchPlan plan, double seconds, bool inDay, double intensity, Random random)
        {
            if (inDay)
            {
                while (NextTap <= seconds)
                {
                    Terminal.Tap();
                    NextTap += NextGap(random, plan.TapSeconds, intensity);
                }

                if (NextStatus <= seconds && Terminal.IsConnected)
                {
                    Terminal.PublishStatus(plan.Installed());
                    NextStatus += plan.StatusSeconds;
                }
            }

            var waiting = Terminal.Waiting;
            var due = waiting >= SyncAgent.MaxBatchRecords || (waiting > 0 && (!inDay || seconds - _lastSend >= plan.BatchSeconds));
            if (Terminal.InFlight || due || !Terminal.IsConnected)
            {
                Terminal.Sync.Step();
                if (Terminal.Sync.BatchesSent != _sentSeen)
                {
                    (_sentSeen, _lastSend) = (Terminal.Sync.BatchesSent, seconds);
                }
            }
        }
    }
}
