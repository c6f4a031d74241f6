using Backend.Ingest.Qr;
using Terminal.Emulator.Backoffice;
using Terminal.Emulator.Board;
using Terminal.Emulator.Uplink;
using Terminal.Firmware.Card;
using Terminal.Firmware.Tap;

namespace Terminal.Emulator.Fleet;

/// <summary>
/// N buses, each the real firmware with its own journal and MQTT identity, running a compressed service day
/// against a backend, with network cuts, power cycles and broker restarts on command. A few worker threads step
/// the buses; commands reach a bus through its mailbox. After the day the fleet waits for every journal to be
/// acknowledged and compares what the buses journaled with what the backend stored.
/// </summary>
public sealed class Fleet : IDisposable
{
    private const int MaxWorkers = 8;
    private static readonly TimeSpan StepPause = TimeSpan.FromMilliseconds(10);

    private readonly FleetOptions _options;
    private readonly FleetBackend _backend;
    private readonly IssuingDesk _desk;
    private readonly List<FleetBus> _buses = [];
    private readonly List<Exception> _failures = [];
    private readonly CancellationTokenSource _endOfDay = new();
    private long _frozenPassengerTime = long.MaxValue;

    public Fleet(FleetOptions options, FleetBackend backend, TextWriter output)
    {
        if (options.Buses < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "A fleet has at least one bus.");
        }

        _options = options;
        _backend = backend;
        var keys = new SchemeKeys();
        var desk = _desk = new IssuingDesk(keys);
        var expiry = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(CardLayout.EpochUnixSeconds + (EmulatedBus.ExpiryDay * 86_400L)).UtcDateTime);
        CardRegistrar register = (card, cardType, firstLoad) => backend.BackOffice
            .RegisterCardAsync(Convert.ToHexString(card.Uid), cardType, expiry, firstLoad, accountId: null, CancellationToken.None).GetAwaiter().GetResult();
        var phones = QrTokenSigner.WithRandomKey(SchemeKeys.BackendKeyId + 1, new Random(options.Seed));
        Day = ServiceDay.OnTheDateOf(DateTimeOffset.UtcNow, options.RunTime);
        Log = new FleetLog(output, Day);
        for (var number = 1; number <= options.Buses; number++)
        {
            var terminalId = (uint)number;
            var bus = new EmulatedBus(keys, new TerminalConfig { TerminalId = (int)terminalId, RouteId = DemoFareTable.Routes[(number - 1) % DemoFareTable.Routes.Length] }, desk: desk, clockStartUnixSeconds: Day.Start - ServiceDay.FirstDepartureSeconds);
            var settings = MqttUplinkSettings.ForTerminal(backend.BrokerHost, backend.BrokerPort, terminalId, backend.PasswordFor(terminalId));
            _buses.Add(new FleetBus(number, bus, () => new MqttUplink(settings), phones, backend.DownlinkKey, Day, options.BoardingsPerBus, register, Log, options.Seed * 1000 + number));
        }

        Cloning = new CloneScenario(_buses, backend.BackOffice, Log);
    }

    public ServiceDay Day { get; }

    public FleetLog Log { get; }

    public IReadOnlyList<FleetBus> Buses => _buses;

    /// <summary>One regular's card copied and tapped on another bus during the day (with 4 buses or more).</summary>
    public CloneScenario Cloning { get; }

    /// <summary>Exceptions a bus threw while stepping: a fleet with any is not a clean run.</summary>
    public IReadOnlyList<Exception> Failures
    {
        get
        {
            lock (_failures)
            {
                return [.. _failures];
            }
        }
    }

    /// <summary>
    /// Runs the day, the scripted faults and the clone, drains the journals, shows the copy to every bus, drains
    /// again, and returns the report: the records against the database, and the books against the cards.
    /// </summary>
    public async Task<FleetReport> RunAsync(CancellationToken cancellation = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Log.Restart();
        var workers = StartWorkers(stop.Token);
        Log.Line($"{_buses.Count} buses on the road, {_options.BoardingsPerBus} boardings each, {_buses.Sum(b => b.Riders.Count)} cards issued and registered through the backend, the day compressed {Day.Scale:N0}x into {_options.RunTime.TotalMinutes:0.#} min");
        var schedule = RunScheduleAsync(_endOfDay.Token);
        var reports = ReportAsync(_endOfDay.Token);
        var clone = Cloning.RunAsync(Day, () => Log.Elapsed, _endOfDay.Token);
        try
        {
            await WaitForEndOfDayAsync(cancellation);
            _frozenPassengerTime = Day.At(Log.Elapsed);
            await _endOfDay.CancelAsync();
            await clone;
            foreach (var bus in _buses.Where(b => b.Network.IsCut))
            {
                bus.Order(FleetOrderKind.Restore);
            }

            Log.Line("end of the day: every bus back in coverage, waiting for the backend to acknowledge every journal");
            await DrainOrSayAsync(cancellation);
            await Cloning.CheckFleetRefusesAsync(cancellation);
            await DrainOrSayAsync(cancellation);
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var worker in workers)
            {
                worker.Join();
            }

            await Task.WhenAll(schedule, reports, clone).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        var tally = await VerifyAsync(cancellation);
        Log.Line(tally.ToString());
        var books = await FleetBooks.ReadAsync(_buses, _desk, _backend.BackOffice, Cloning.CardUid, Log, cancellation);
        Log.Line($"books: ledger sums to {books.LedgerImbalance} over {books.LedgerTransfers:N0} transfers; {books.CardsChecked} cards read at the desk, {books.CardsOffLedger} off their ledger; {books.EntriesPostedTwice} records posted twice");
        return new FleetReport(tally, books, Cloning, _buses.Count);
    }

    /// <summary>Ends the day now (the <c>quit</c> command): passengers stop boarding, the journals drain, the tally follows.</summary>
    public void EndDay() => _endOfDay.Cancel();

    public async Task ExecuteAsync(FleetOrder order, CancellationToken cancellation = default)
    {
        switch (order.Kind)
        {
            case FleetOrderKind.RestartBroker:
                Log.Line("broker: stopping");
                await _backend.RestartBroker(cancellation);
                Log.Line("broker: running again");
                break;
            case FleetOrderKind.Status:
                foreach (var bus in _buses)
                {
                    Log.Line($"bus {bus.Number} (terminal {bus.TerminalId}): {(bus.Network.IsCut ? "network cut" : bus.Network.IsConnected ? "online" : "offline")}, "
                        + $"{bus.Ledger.Count} journaled, {bus.Backlog} waiting, {bus.Sync.BatchesSent} batches sent, {bus.PowerCycles} power cycles");
                }

                break;
            case FleetOrderKind.Quit:
                Log.Line("quit");
                EndDay();
                break;
            default:
                foreach (var bus in order.Bus is { } number ? [_buses[number - 1]] : _buses)
                {
                    bus.Order(order.Kind);
                }

                break;
        }
    }

    public async Task<FleetTally> VerifyAsync(CancellationToken cancellation = default)
    {
        var stored = await _backend.ReadStored(cancellation);
        var journaled = _buses.ToDictionary(b => b.TerminalId, b => b.Ledger.Snapshot());
        return FleetTally.Compare(journaled, stored);
    }

    public void Dispose()
    {
        foreach (var bus in _buses)
        {
            bus.Dispose();
        }

        _endOfDay.Dispose();
    }

    private List<Thread> StartWorkers(CancellationToken stop)
    {
        var count = Math.Min(MaxWorkers, _buses.Count);
        var workers = new List<Thread>();
        for (var w = 0; w < count; w++)
        {
            var mine = _buses.Where((_, i) => i % count == w).ToArray();
            var worker = new Thread(() => Work(mine, stop)) { IsBackground = true, Name = $"fleet worker {w + 1}" };
            worker.Start();
            workers.Add(worker);
        }

        return workers;
    }

    private void Work(FleetBus[] buses, CancellationToken stop)
    {
        var broken = new HashSet<FleetBus>();
        while (!stop.IsCancellationRequested)
        {
            var passengerTime = Math.Min(Day.At(Log.Elapsed), Volatile.Read(ref _frozenPassengerTime));
            foreach (var bus in buses)
            {
                if (broken.Contains(bus))
                {
                    continue;
                }

                try
                {
                    bus.Step(passengerTime);
                }
                catch (Exception e)
                {
                    broken.Add(bus);
                    lock (_failures)
                    {
                        _failures.Add(e);
                    }

                    Log.Line($"bus {bus.Number}: stopped by {e.GetType().Name}: {e.Message}");
                }
            }

            Thread.Sleep(StepPause);
        }
    }

    private async Task WaitForEndOfDayAsync(CancellationToken cancellation)
    {
        try
        {
            var dayOver = Task.Delay(Day.RunTime, _endOfDay.Token);
            await dayOver.WaitAsync(cancellation);
            while (!_buses.All(b => b.BoardingsDone))
            {
                await Task.Delay(StepPause, _endOfDay.Token).WaitAsync(cancellation);
            }
        }
        catch (OperationCanceledException) when (_endOfDay.IsCancellationRequested && !cancellation.IsCancellationRequested)
        {
        }
    }

    private async Task DrainOrSayAsync(CancellationToken cancellation)
    {
        if (!await DrainAsync(cancellation))
        {
            Log.Line($"not every journal was acknowledged within {_options.DrainTimeout.TotalSeconds:0} s: {string.Join(", ", _buses.Where(b => !b.Settled).Select(b => $"bus {b.Number} {b.Backlog} waiting"))}");
        }
    }

    private async Task<bool> DrainAsync(CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + _options.DrainTimeout;
        while (!_buses.All(b => b.Settled))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100, cancellation);
        }

        return true;
    }

    private async Task RunScheduleAsync(CancellationToken endOfDay)
    {
        try
        {
            foreach (var entry in _options.Schedule)
            {
                var wait = entry.At - Log.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, endOfDay);
                }

                Log.Line($"scheduled: {entry.Order}");
                await ExecuteAsync(entry.Order, endOfDay);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReportAsync(CancellationToken endOfDay)
    {
        if (_options.ReportEvery <= TimeSpan.Zero)
        {
            return;
        }

        var previous = 0;
        try
        {
            while (true)
            {
                await Task.Delay(_options.ReportEvery, endOfDay);
                var stored = (await _backend.ReadStored(endOfDay)).Count;
                var waiting = string.Join("  ", _buses.Select(b => $"{b.Number}:{b.Backlog}{(b.Network.IsCut ? " cut" : "")}"));
                Log.Line($"backend stored {stored:N0} (+{stored - previous:N0}); waiting on each bus: {waiting}");
                previous = stored;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
