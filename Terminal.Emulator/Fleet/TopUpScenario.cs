using System.Diagnostics;
using Backend.Ingest.Api;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Cards;

namespace Terminal.Emulator.Fleet;

/// <summary>One passenger who tops up online: their card, the bus they ride first, the other bus they ride next, and the top-up in cents.</summary>
public sealed record TopUpPassenger(int Number, MifareClassicCard Card, FleetBus FirstBus, FleetBus NextBus, long Amount)
{
    public string CardUid => Convert.ToHexString(Card.Uid);
}

/// <summary>What became of one online top-up: its payment, how long its load took to reach the next bus, and that bus's verdict and display at the tap.</summary>
public sealed record TopUpOutcome(TopUpPassenger Passenger, string PaymentId, int LoadNumber, double SecondsToList, TapOutcome Tap, string Display)
{
    /// <summary>The tap took the load: the display said so.</summary>
    public bool LoadTaken => Display.StartsWith("Top-up ", StringComparison.Ordinal);
}

/// <summary>
/// Passengers who top up their card online during the day (with 2 buses or more): each rides one bus with a card
/// issued and registered through the backend, then pays a top-up through the backend's anonymous API and the sandbox
/// checkout over HTTP, as a browser would; the sandbox delivers its webhook twice (the fleet's backend is set so),
/// the backend credits it once and lists a pending load, and once the load reaches the other bus over the signed
/// downlink the passenger taps there: the terminal writes the load with the fare and shows
/// "Top-up … added | Balance …". The passengers, their buses and amounts follow the run's seed.
/// </summary>
public sealed class TopUpScenario
{
    public const int PassengerCount = 3;

    /// <summary>A little above one ride: the top-up is what keeps the card riding.</summary>
    public const int FirstLoad = 500;

    private static readonly long[] Amounts = [1000, 1500, 2000, 2500];
    private static readonly TimeSpan ListTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);

    private readonly PassengerBrowser _browser;
    private readonly FleetLog _log;
    private readonly List<TopUpOutcome> _outcomes = [];
    private readonly List<TopUpPassenger> _passengers = [];

    /// <summary>Issues each passenger's card on their first bus (before the day, on the constructing thread) and registers it through <paramref name="register"/>.</summary>
    public TopUpScenario(IReadOnlyList<FleetBus> buses, CardRegistrar register, PassengerBrowser browser, FleetLog log, Random random)
    {
        _browser = browser;
        _log = log;
        if (buses.Count < 2)
        {
            return;
        }

        for (var n = 1; n <= PassengerCount; n++)
        {
            var first = random.Next(buses.Count);
            var next = (first + 1 + random.Next(buses.Count - 1)) % buses.Count;
            var card = buses[first].Bus.Issue(FirstLoad, cardType: 0, uidLength: 7);
            register(card, 0, FirstLoad);
            _passengers.Add(new TopUpPassenger(n, card, buses[first], buses[next], Amounts[random.Next(Amounts.Length)]));
        }
    }

    public IReadOnlyList<TopUpPassenger> Passengers => _passengers;

    public bool CanRun => _passengers.Count > 0;

    public IReadOnlyList<TopUpOutcome> Outcomes
    {
        get
        {
            lock (_outcomes)
            {
                return [.. _outcomes];
            }
        }
    }

    /// <summary>Every passenger's load was taken at the tap on the other bus.</summary>
    public bool AllTaken => Outcomes.Count == _passengers.Count && Outcomes.All(o => o.LoadTaken);

    /// <summary>
    /// Passenger n rides at (5 + 5n) % of the run and pays at (10 + 10n) %; the tap on the other bus follows once its
    /// list holds the load, which comes with the bus's next status (a heartbeat a minute of real time, or at once
    /// when a cut bus reconnects): after the day if need be.
    /// </summary>
    public async Task RunAsync(ServiceDay day, Func<TimeSpan> elapsed, CancellationToken cancellation)
    {
        if (!CanRun)
        {
            _log.Line("top-up: needs 2 buses or more (the load is taken on another bus than the last ride's); no top-up in this run");
            return;
        }

        await Task.WhenAll(_passengers.Select(p => RideAsync(p, day, elapsed, cancellation)));
    }

    private async Task RideAsync(TopUpPassenger passenger, ServiceDay day, Func<TimeSpan> elapsed, CancellationToken cancellation)
    {
        await UntilAsync(day.RunTime * (0.05 + (0.05 * passenger.Number)), elapsed, cancellation);
        var first = await passenger.FirstBus.TapNowAsync(passenger.Card);
        _log.Line($"top-up: passenger {passenger.Number} taps card {passenger.CardUid} on bus {passenger.FirstBus.Number}: {first}");
        await UntilAsync(day.RunTime * (0.10 + (0.10 * passenger.Number)), elapsed, cancellation);
        var payment = await _browser.PayCardTopUpAsync(passenger.CardUid, passenger.Amount, $"passenger-{passenger.Number}", cancellation);
        _log.Line($"top-up: passenger {passenger.Number} pays {MinorUnits.Format(passenger.Amount)} online for card {passenger.CardUid} at the sandbox checkout (payment {payment.PaymentId})");
        var waited = Stopwatch.StartNew();
        var number = 0;
        while ((number = await passenger.NextBus.ListedLoadAsync(passenger.Card)) == 0 && waited.Elapsed < ListTimeout)
        {
            await Task.Delay(PollEvery, cancellation);
        }

        if (number == 0)
        {
            var state = await _browser.PaymentAsync(payment.PaymentId, cancellation);
            _log.Line($"top-up: the load of payment {payment.PaymentId} ({state.Status}, load {state.Load?.Status ?? "none"}) did not reach bus {passenger.NextBus.Number} within {ListTimeout.TotalSeconds:0} s");
            return;
        }

        var listedAfter = Math.Round(waited.Elapsed.TotalSeconds, 1);
        var (outcome, display) = await passenger.NextBus.TapShowingAsync(passenger.Card);
        var result = new TopUpOutcome(passenger, payment.PaymentId, number, listedAfter, outcome, display);
        lock (_outcomes)
        {
            _outcomes.Add(result);
        }

        _log.Line($"top-up: load {number} of card {passenger.CardUid} on bus {passenger.NextBus.Number}'s list {listedAfter:0.0} s after the payment; "
            + $"tapped there (last ride on bus {passenger.FirstBus.Number}): {outcome}, \"{display}\"");
    }

    private static async Task UntilAsync(TimeSpan at, Func<TimeSpan> elapsed, CancellationToken cancellation)
    {
        var wait = at - elapsed();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellation);
        }
    }
}
