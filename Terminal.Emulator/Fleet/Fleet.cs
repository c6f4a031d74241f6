using Backend.Ingest.Qr;
using Terminal.Emulator.Backoffice;
using Terminal.Emulator.Board;
using Terminal.Emulator.Uplink;
using Terminal.Firmware.Card;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Cards;

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

    /// <summary>One passenger account for every this many boardings of a bus (about 3 QR rides each over the day: past the adult's daily cap).</summary>
    private const int AccountsPerBoardings = 20;

    /// <summary>Each account's desk load, in cents: more than a day of QR rides before the cap refunds come back.</summary>
    private const long AccountLoad = 10_000;

    private static readonly TimeSpan RevenueSettleTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StepPause = TimeSpan.FromMilliseconds(10);

    private readonly FleetOptions _options;
    private readonly FleetBackend _backend;
    private readonly IssuingDesk _desk;
    private readonly SchemeKeys _keys;
    private readonly List<FleetBus> _buses = [];
    private readonly List<Exception> _failures = [];
    private readonly CancellationTokenSource _endOfDay = new();
    private long _frozenPassengerTime = long.MaxValue;
    private int _qrTokensRefused;
    private int _qrTokensAtLimit;

    public Fleet(FleetOptions options, FleetBackend backend, TextWriter output)
    {
        if (options.Buses < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "A fleet has at least one bus.");
        }

        _options = options;
        _backend = backend;
        var keys = _keys = new SchemeKeys();
        var desk = _desk = new IssuingDesk(keys);
        var expiry = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(CardLayout.EpochUnixSeconds + (EmulatedBus.ExpiryDay * 86_400L)).UtcDateTime);
        CardRegistrar register = (card, cardType, firstLoad) => backend.BackOffice
            .RegisterCardAsync(Convert.ToHexString(card.Uid), cardType, expiry, firstLoad, accountId: null, CancellationToken.None).GetAwaiter().GetResult();
        Day = ServiceDay.OnTheDateOf(DateTimeOffset.UtcNow, options.RunTime);
        Log = new FleetLog(output, Day);
        backend.PassengerClock.Follow(() => Day.At(Log.Elapsed));
        for (var number = 1; number <= options.Buses; number++)
        {
            var terminalId = (uint)number;
            var bus = new EmulatedBus(keys, new TerminalConfig { TerminalId = (int)terminalId, RouteId = DemoFareTable.Routes[(number - 1) % DemoFareTable.Routes.Length] }, desk: desk, clockStartUnixSeconds: Day.Start - ServiceDay.FirstDepartureSeconds);
            var settings = MqttUplinkSettings.ForTerminal(backend.BrokerHost, backend.BrokerPort, terminalId, backend.PasswordFor(terminalId));
            var accounts = OpenAccounts(backend.BackOffice, number, options.BoardingsPerBus);
            _buses.Add(new FleetBus(
                number, bus, () => new MqttUplink(settings), IssueQrToken, accounts, backend.DownlinkKey, Day, options.BoardingsPerBus, register, Log, options.Seed * 1000 + number));
        }

        Cloning = new CloneScenario(_buses, backend.BackOffice, Log);
        TopUps = new TopUpScenario(_buses, register, backend.Passenger, Log, new Random(options.Seed));
    }

    public ServiceDay Day { get; }

    public FleetLog Log { get; }

    public IReadOnlyList<FleetBus> Buses => _buses;

    /// <summary>One regular's card copied and tapped on another bus during the day (with 4 buses or more).</summary>
    public CloneScenario Cloning { get; }

    /// <summary>Card top-ups paid online during the day and taken at the card's next tap, on another bus (with 2 buses or more).</summary>
    public TopUpScenario TopUps { get; }

    /// <summary>QR boardings that got no token from the backend for another reason than the live-token limit (an account refused, no answer): none in a sound run.</summary>
    public int QrTokensRefused => Volatile.Read(ref _qrTokensRefused);

    /// <summary>
    /// QR boardings refused a token because the account already held its live tokens (Backend:Qr:MaxLiveTokens): the
    /// compressed day puts an account's rides seconds apart, and the passenger waits for the next bus.
    /// </summary>
    public int QrTokensAtLimit => Volatile.Read(ref _qrTokensAtLimit);

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
        var topUpRides = TopUps.RunAsync(Day, () => Log.Elapsed, stop.Token);
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

            await topUpRides;

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

            await Task.WhenAll(schedule, reports, clone, topUpRides).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        var tally = await VerifyAsync(cancellation);
        Log.Line(tally.ToString());
        var books = await FleetBooks.ReadAsync(Cards, _desk, _backend.BackOffice, Cloning.CardUid, Log, cancellation);
        Log.Line($"books: ledger sums to {books.LedgerImbalance} over {books.LedgerTransfers:N0} transfers; {books.CardsChecked} cards read at the desk, {books.CardsOffLedger} off their ledger; {books.EntriesPostedTwice} records posted twice");
        var topUps = await VerifyTopUpsAsync(cancellation);
        Log.Line(topUps.ToString());
        var revenue = await CheckRevenueAsync(cancellation);
        Log.Line(revenue.ToString());
        Log.Line($"qr: {QrTokensAtLimit} boardings waited for the next bus (the account held its live tokens), {QrTokensRefused} got no token otherwise");

        return new FleetReport(tally, books, Cloning, _buses.Count, topUps, revenue, TopUps);
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

    /// <summary>The online top-ups from what the backend stored (payments, pending loads, journal records) and from the cards that took loads.</summary>
    public async Task<TopUpTally> VerifyTopUpsAsync(CancellationToken cancellation = default)
    {
        var records = await _backend.ReadStored(cancellation);
        var stored = await _backend.ReadTopUps(cancellation);
        var withLoads = stored.Loads.Select(l => l.CardUid).ToHashSet();
        var reader = new CardLoadReader(_keys);
        var onCards = Cards.Select(c => (Uid: Convert.ToHexString(c.Uid), Card: c)).Where(c => withLoads.Contains(c.Uid))
            .ToDictionary(c => c.Uid, c => reader.LastLoadTaken(c.Card));
        return TopUpTally.Compare(stored, records, onCards, await _backend.BackOffice.PaymentCountersAsync(cancellation));
    }

    /// <summary>
    /// The journals' fare revenue against the ledger's. QR cap refunds are settled by the backend every second or so
    /// (Backend:Ledger:SettleSeconds), so the ledger is read again for a while before a difference counts.
    /// </summary>
    public async Task<RevenueCheck> CheckRevenueAsync(CancellationToken cancellation = default)
    {
        var fares = _buses.Select(b => b.Bus.Terminal.Fares.Current).FirstOrDefault(f => f is not null)
            ?? throw new InvalidOperationException("No bus holds a fare table.");
        var journaled = _buses.SelectMany(b => b.Ledger.Snapshot().Values).ToList();
        var deadline = DateTime.UtcNow + RevenueSettleTimeout;
        while (true)
        {
            var trial = await _backend.BackOffice.TrialBalanceAsync(cancellation);
            var check = RevenueCheck.Compare(journaled, fares, trial.Classes.Where(c => c.AccountClass == "revenue").Sum(c => c.Balance));
            if (check.Differs == 0 || DateTime.UtcNow > deadline)
            {
                return check;
            }

            await Task.Delay(250, cancellation);
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

    /// <summary>Every card of the day: the regulars of each bus and the passengers who top up online.</summary>
    private IEnumerable<MifareClassicCard> Cards => _buses.SelectMany(b => b.Riders).Concat(TopUps.Passengers.Select(p => p.Card));

    /// <summary>Opens a bus's phone users' passenger accounts through the backend and loads each at the desk, so that their QR rides settle against them.</summary>
    private static IReadOnlyList<uint> OpenAccounts(BackOfficeClient backOffice, int bus, int boardings) =>
        Enumerable.Range(1, Math.Max(2, boardings / AccountsPerBoardings)).Select(n =>
        {
            var account = backOffice.OpenAccountAsync((bus * 1000) + n, CancellationToken.None).GetAwaiter().GetResult();
            backOffice.LoadAccountAsync(account.Account.AccountId, AccountLoad, CancellationToken.None).GetAwaiter().GetResult();
            return (uint)account.Account.AccountId;
        }).ToArray();

    /// <summary>The phone asks the backend for a token; a refusal (an account in debt, too many live tokens) leaves the passenger at the stop.</summary>
    private IssuedQrToken? IssueQrToken(uint accountId)
    {
        try
        {
            return _backend.BackOffice.IssueQrToken(accountId);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("Too many live QR tokens.", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _qrTokensAtLimit);
            return null;
        }
        catch (InvalidOperationException e)
        {
            Interlocked.Increment(ref _qrTokensRefused);
            Log.Line($"qr: no token for account {accountId}: {e.Message}");
            return null;
        }
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
