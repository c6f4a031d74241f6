using System.CommandLine;
using System.Text.Json;
using Terminal.Emulator.Bench;
using Terminal.Emulator.Board;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Cards;
using Terminal.Simulation.Flash;

namespace Terminal.Emulator.Torture;

/// <summary>
/// `torture`: random passengers, concessions and balances on one bus, with the card pulled away at every exchange
/// of a tap (before it, after it, mid-programming) and the power cut at every flash write, in turn; each interrupted
/// passenger taps again. Every few boardings the card has an online top-up waiting on the bus's pending-load list
/// (docs/pending-loads.md), so the faults also hit load writes. Checks that money is conserved, nothing is charged
/// twice, no load lands twice, every accepted tap is journaled and every card stays readable. Exits non-zero when any
/// of these fails.
/// </summary>
public static class TortureCommand
{
    private const int Passengers = 48;
    private const int FaultKinds = 5;
    private const int MaxRetries = 4;
    private const int LoadEvery = 6;

    public static Command Create()
    {
        var taps = new Option<int>("--taps") { Description = "How many boardings to run.", DefaultValueFactory = _ => 2000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the passengers' randomness.", DefaultValueFactory = _ => 7 };
        var command = new Command("torture", "Taps under card removal at every exchange and power cuts at every flash write; checks money is conserved.") { taps, seed };
        command.SetAction(parseResult => Run(parseResult.GetValue(taps), parseResult.GetValue(seed), Console.Out));
        return command;
    }

    public static int Run(int boardings, int seed, TextWriter output)
    {
        var random = new Random(seed);
        var bus = new EmulatedBus();
        var cards = Enumerable.Range(0, Passengers)
            .Select(i => bus.Issue(random.Next(0, 3000), cardType: random.Next(0, 5), uidLength: random.Next(2) == 0 ? 4 : 7))
            .ToArray();
        var startTotal = cards.Sum(bus.Balance);
        var (exchangesPerTap, writesPerTap) = Measure();
        var result = new TortureTally();
        var waiting = new Dictionary<MifareClassicCard, (int Number, int Amount)>();
        uint listVersion = 0;

        for (var i = 0; i < boardings; i++)
        {
            var card = cards[random.Next(cards.Length)];
            bus.Clock.Advance(random.Next(10, 400) * 1_000_000L);
            if (i % LoadEvery == 0)
            {
                var number = waiting.TryGetValue(card, out var previous) ? previous.Number + 1 : 1;
                waiting[card] = (number, random.Next(100, 3000));
                bus.OfferLoads(++listVersion, waiting.Select(w => (w.Key, w.Value.Number, w.Value.Amount)).ToArray());
                result.LoadsOffered++;
            }

            var firstNew = bus.Terminal.Journal.NextSequence;
            var step = i / FaultKinds;
            var outcome = Attempt(bus, card, i % FaultKinds, step % exchangesPerTap, step % writesPerTap, random, result);
            for (var retry = 0; retry < MaxRetries && outcome is null or TapOutcome.TapAgain; retry++)
            {
                bus.Clock.Advance(2_000_000);
                outcome = Attempt(bus, card, 0, 0, 0, random, result);
            }

            result.Count(outcome);
            var added = bus.JournalRecords(firstNew);
            var charges = added.Count(r => r.Kind == TxKind.CardTapAccepted) - added.Count(r => r.Kind == TxKind.CardWriteAbandoned);
            result.DoubleCharges += charges > 1 ? 1 : 0;
            if (outcome == TapOutcome.Accepted && !added.Any(r => r.Kind == TxKind.CardTapAccepted && r.Uid.Take(r.UidLength).SequenceEqual(card.Uid)))
            {
                result.UnjournaledAccepts++;
            }
        }

        var finalTotal = 0L;
        foreach (var card in cards)
        {
            try
            {
                finalTotal += bus.Balance(card);
            }
            catch (InvalidOperationException)
            {
                result.UnreadableCards++;
            }
        }

        result.ValueLost = startTotal + bus.JournaledLoads() - finalTotal - bus.JournaledCharges();
        var loads = bus.JournalRecords().Where(r => r.Kind is TxKind.LoadApplied or TxKind.LoadAbandoned)
            .GroupBy(r => (Convert.ToHexString(r.Uid, 0, r.UidLength), r.LoadNumber))
            .Select(g => g.Count(r => r.Kind == TxKind.LoadApplied) - g.Count(r => r.Kind == TxKind.LoadAbandoned))
            .ToList();
        result.LoadsApplied = loads.Count(n => n == 1);
        result.LoadsAppliedTwice = loads.Count(n => n > 1);
        var summary = result.Summary(boardings);
        output.WriteLine($"torture: {boardings} boardings, {result.Interruptions} interruptions, {summary.Accepted} accepted, {summary.Refused} refused, {summary.RolledForward} rolled forward");
        output.WriteLine(JsonSerializer.Serialize(summary, BenchJson.Options));
        return summary.IsClean ? 0 : 1;
    }

    /// <summary>One tap, with fault kind 0 none, 1 card torn after an exchange, 2 card gone before it, 3 card torn mid-programming, 4 power cut.</summary>
    private static TapOutcome? Attempt(EmulatedBus bus, MifareClassicCard card, int fault, int exchange, int write, Random random, TortureTally tally)
    {
        var field = bus.Terminal.Reader.Field;
        field.Enter(card);
        var at = field.ExchangeCount + exchange;
        switch (fault)
        {
            case 1: field.TearAt(at, card); break;
            case 2: field.RemoveBefore(at, card); break;
            case 3: field.TearDuringProgramming(at, card, random.Next(1, 16)); break;
            case 4: bus.Flash.ArmPowerCut(write, random.Next(0, 32)); break;
        }

        tally.Interruptions += fault == 0 ? 0 : 1;
        try
        {
            var outcome = bus.Terminal.Tap.Poll();
            field.Remove(card);
            field.ClearFaults();
            bus.Flash.DisarmPowerCut();
            bus.Terminal.Tap.Poll();
            return outcome;
        }
        catch (PowerCutException)
        {
            field.Remove(card);
            bus.Boot();
            return null;
        }
    }

    /// <summary>How many RF exchanges and flash writes an accepted tap that also takes a load needs: the ranges the faults walk through.</summary>
    private static (int Exchanges, int Writes) Measure()
    {
        var bus = new EmulatedBus();
        var card = bus.Issue(1000);
        bus.OfferLoads(1, (card, 1, 1000));
        var field = bus.Terminal.Reader.Field;
        var before = field.ExchangeCount;
        bus.Flash.StartRecording();
        bus.Tap(card);
        return ((int)(field.ExchangeCount - before), Math.Max(1, bus.Flash.RecordedWrites.Count));
    }
}
