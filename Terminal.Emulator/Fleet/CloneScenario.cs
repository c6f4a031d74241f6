using System.Diagnostics;
using Backend.Ingest.Cards;
using Terminal.Emulator.Backoffice;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Cards;

namespace Terminal.Emulator.Fleet;

/// <summary>
/// A fraudster's day: early on, the first regular of bus 1 (an adult, so the two fares differ) has their card dumped (its whole memory copied); the
/// card's owner rides on; later an emulated copy of that dump is tapped on a bus with another fare. The copy is a
/// perfect card (keys, MACs and all), so the terminal accepts it offline; only the backend can see that one card
/// reported the same counter twice with different balances, block it, and blacklist it fleet-wide. After the day
/// the copy is shown to every bus once its blacklist has the card: each must refuse it.
/// </summary>
public sealed class CloneScenario(IReadOnlyList<FleetBus> buses, BackOfficeClient backOffice, FleetLog log)
{
    private static readonly TimeSpan DetectionTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    private readonly FleetBus _victimBus = buses[0];
    private readonly FleetBus? _cloneBus = buses.Skip(1).FirstOrDefault(b => Fare(b) != Fare(buses[0]));
    private MifareClassicCard? _clone;
    private Stopwatch? _sinceCopyTapped;

    public string? CardUid { get; private set; }

    /// <summary>The backend blocked the cloned card.</summary>
    public bool Detected { get; private set; }

    /// <summary>Seconds from the copy's first tap to the backend's block.</summary>
    public double? SecondsToBlock { get; private set; }

    /// <summary>How many buses refused the copy after the day.</summary>
    public int RefusedBy { get; private set; }

    public bool CanRun => _cloneBus is not null && _victimBus.Riders.Count > 0;

    /// <summary>
    /// Dumps at 1 % of the run (05:10, before the owner's first rides reach the daily cap: a capped card rides free,
    /// and a free copy would report the owner's balance), has the owner tap at 3 %, taps the copy at 40 %, then waits
    /// for the block.
    /// </summary>
    public async Task RunAsync(ServiceDay day, Func<TimeSpan> elapsed, CancellationToken endOfDay)
    {
        if (!CanRun)
        {
            log.Line("clone: needs a second bus on another fare (4 buses or more); no card is cloned in this run");
            return;
        }

        var card = _victimBus.Riders[0];
        CardUid = Convert.ToHexString(card.Uid);
        await UntilAsync(day.RunTime * 0.01, elapsed, endOfDay);
        var dump = await _victimBus.OnBusAsync(card.Snapshot);
        log.Line($"clone: card {CardUid} of bus {_victimBus.Number} dumped");
        await UntilAsync(day.RunTime * 0.03, elapsed, endOfDay);
        await _victimBus.TapNowAsync(card);
        await UntilAsync(day.RunTime * 0.40, elapsed, endOfDay);
        _clone = MifareClassicCard.OneK(card.Uid);
        _clone.Restore(dump);
        var outcome = await _cloneBus!.TapNowAsync(_clone);
        _sinceCopyTapped = Stopwatch.StartNew();
        log.Line($"clone: a copy of card {CardUid} tapped on bus {_cloneBus.Number}: {outcome}");
        await WaitForBlockAsync(endOfDay);
    }

    /// <summary>After the day: once every bus holds the blacklist version that lists the card, the copy is shown to each.</summary>
    public async Task CheckFleetRefusesAsync(CancellationToken cancellation)
    {
        if (_clone is null)
        {
            return;
        }

        if (!Detected)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(DetectionTimeout);
            await WaitForBlockAsync(timeout.Token);
            if (!Detected)
            {
                log.Line($"clone: the backend did not block card {CardUid} within {DetectionTimeout.TotalSeconds:0} s after the day");
                return;
            }
        }

        var version = (await backOffice.BlacklistAsync(cancellation)).Version;
        var deadline = Stopwatch.StartNew();
        while (buses.Any(b => b.BlacklistVersion < version) && deadline.Elapsed < DetectionTimeout)
        {
            await Task.Delay(PollEvery, cancellation);
        }

        // One card cannot be on every bus at once: each bus is shown a copy of its own, made from the cloned card as
        // it is now (a fraudster can write as many), one bus after the other. Showing the one simulated card to all
        // buses at the same instant let one bus's write (the blocked-card mark) tear another bus's read.
        var image = _clone.Snapshot();
        var outcomes = new List<TapOutcome>();
        foreach (var bus in buses)
        {
            var copy = MifareClassicCard.OneK(_clone.Uid);
            copy.Restore(image);
            outcomes.Add(await bus.TapNowAsync(copy));
        }

        RefusedBy = outcomes.Count(o => o == TapOutcome.Refused);
        log.Line($"clone: the copy of card {CardUid} shown to every bus after the day: refused by {RefusedBy} of {buses.Count} (blacklist version {version})");
    }

    private async Task WaitForBlockAsync(CancellationToken endOfDay)
    {
        try
        {
            while (!endOfDay.IsCancellationRequested)
            {
                var card = await backOffice.CardAsync(CardUid!, endOfDay);
                if (card.Card.Status == CardStatuses.Blocked)
                {
                    Detected = true;
                    SecondsToBlock = Math.Round(_sinceCopyTapped!.Elapsed.TotalSeconds, 1);
                    log.Line($"clone: the backend blocked card {CardUid} {SecondsToBlock:0.0} s after the copy's tap: {card.Card.StatusReason}");
                    return;
                }

                await Task.Delay(PollEvery, endOfDay);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task UntilAsync(TimeSpan at, Func<TimeSpan> elapsed, CancellationToken endOfDay)
    {
        var wait = at - elapsed();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, endOfDay);
        }
    }

    private static int Fare(FleetBus bus) => DemoFareTable.FareOf(bus.Bus.Config.RouteId);
}
