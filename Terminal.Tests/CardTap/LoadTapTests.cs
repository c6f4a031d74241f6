using Terminal.Drivers.Indicators;
using Terminal.Emulator.Backoffice;
using Terminal.Emulator.Board;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Indicators;
using Xunit;

namespace Terminal.Tests.CardTap;

/// <summary>
/// A pending load picked up by the real firmware on the simulator: written with the tap's fare, journaled, shown,
/// and never taken twice, whether the card meets the same list on another bus or a terminal that lost its journal.
/// </summary>
public sealed class LoadTapTests
{
    private const int Start = 1350;
    private const int Load = 1000;
    private const int Fare = 250;

    [Fact]
    public void TheNextTapAddsTheLoadThenPaysTheFareAndJournalsBoth()
    {
        var bus = new EmulatedBus();
        var card = bus.Issue(Start);
        bus.OfferLoads(1, (card, 1, Load));

        Assert.Equal(TapOutcome.Accepted, bus.Tap(card));

        Assert.Equal(Start + Load - Fare, bus.Balance(card));
        var records = bus.JournalRecords();
        var load = Assert.Single(records, r => r.Kind == TxKind.LoadApplied);
        Assert.Equal((Load, 1, Start + Load), (load.Amount, load.LoadNumber, load.BalanceAfter));
        var fare = Assert.Single(records, r => r.Kind == TxKind.CardTapAccepted);
        Assert.Equal(load.CardCounter + 1, fare.CardCounter);
        Assert.True(fare.Sequence > load.Sequence);
    }

    [Fact]
    public void TheDisplayShowsTheTopUpAndTheBalanceAfterTheRide()
    {
        var bus = new EmulatedBus();
        var recorder = new IndicatorRecorder(bus.Clock, rows: 2, columns: 20);
        var messages = new MessageTable();
        var panel = new IndicatorPanel(recorder.Pin(IndicatorRecorder.Green), recorder.Pin(IndicatorRecorder.Red), recorder.Pin(IndicatorRecorder.Amber), recorder.Pin(IndicatorRecorder.Buzzer), recorder, messages);
        var loop = new TerminalLoop(bus.Terminal.Tap, bus.Terminal.Qr, bus.Terminal.Journal, bus.Terminal.Fares, panel, messages, bus.Clock);
        var card = bus.Issue(Start);
        bus.OfferLoads(1, (card, 1, Load));

        bus.Terminal.Reader.Field.Enter(card);
        Assert.Equal(TapOutcome.Accepted, loop.Step());

        Assert.True(recorder.IsOn(IndicatorRecorder.Green));
        Assert.Equal("Top-up 10.00 added", recorder.Row(0).TrimEnd());
        Assert.Equal("Balance 21.00", recorder.Row(1).TrimEnd());
    }

    [Fact]
    public void ASixteenColumnDisplayDropsTheTrailingWordRatherThanCutIt()
    {
        var bus = new EmulatedBus();
        var recorder = new IndicatorRecorder(bus.Clock);
        var messages = new MessageTable();
        var panel = new IndicatorPanel(recorder.Pin(IndicatorRecorder.Green), recorder.Pin(IndicatorRecorder.Red), recorder.Pin(IndicatorRecorder.Amber), recorder.Pin(IndicatorRecorder.Buzzer), recorder, messages);

        panel.Show(TerminalStatus.ToppedUp(1000, 2350), bus.Clock);

        Assert.Equal("Top-up 10.00", recorder.Row(0).TrimEnd());
        Assert.Equal("Balance 23.50", recorder.Row(1).TrimEnd());
    }

    [Fact]
    public void AnotherBusHoldingTheSameListDoesNotLoadTheCardAgain()
    {
        var keys = new SchemeKeys();
        var first = new EmulatedBus(keys, new TerminalConfig { TerminalId = 1, RouteId = 1 });
        var second = new EmulatedBus(keys, new TerminalConfig { TerminalId = 2, RouteId = 1 }, desk: first.Desk);
        var card = first.Issue(Start);
        first.OfferLoads(1, (card, 1, Load));
        second.OfferLoads(1, (card, 1, Load));

        Assert.Equal(TapOutcome.Accepted, first.Tap(card));
        Assert.Equal(TapOutcome.Accepted, second.Tap(card));

        Assert.Equal(Start + Load - first.JournaledCharges() - second.JournaledCharges(), first.Balance(card));
        Assert.Equal(0, second.JournaledLoads());
        Assert.Equal(Load, first.JournaledLoads());
    }

    [Fact]
    public void ATerminalThatLostItsJournalAndListReinstalledDoesNotLoadTheCardAgain()
    {
        var bus = new EmulatedBus();
        var card = bus.Issue(Start);
        bus.OfferLoads(1, (card, 1, Load));
        bus.Tap(card);
        bus.Flash.Delete("journal.state");
        foreach (var name in bus.Flash.FileNames.Where(n => n.StartsWith("journal", StringComparison.Ordinal)).ToList())
        {
            bus.Flash.Delete(name);
        }

        bus.Boot();
        bus.OfferLoads(2, (card, 1, Load));
        bus.Clock.Advance(3_600_000_000);

        Assert.Equal(TapOutcome.Accepted, bus.Tap(card));
        Assert.Equal(Start + Load - Fare - bus.JournaledCharges(), bus.Balance(card));
        Assert.DoesNotContain(bus.JournalRecords(), r => r.Kind == TxKind.LoadApplied);
    }

    [Fact]
    public void ANewerLoadForTheSameCardIsTakenAndAnOlderOneIsNot()
    {
        var bus = new EmulatedBus();
        var card = bus.Issue(Start);
        bus.OfferLoads(1, (card, 3, Load));
        bus.Tap(card);
        bus.Clock.Advance(3_600_000_000);
        bus.OfferLoads(2, (card, 2, 500));
        bus.Tap(card);
        bus.Clock.Advance(3_600_000_000);
        bus.OfferLoads(3, (card, 4, 700));
        bus.Tap(card);

        Assert.Equal(Start + Load + 700 - bus.JournaledCharges(), bus.Balance(card));
        Assert.Equal([3, 4], bus.JournalRecords().Where(r => r.Kind == TxKind.LoadApplied).Select(r => r.LoadNumber));
    }

    [Fact]
    public void ALoadTapAllocatesNothing()
    {
        var meter = new ModelAllocationMeter();
        var bus = new EmulatedBus(meter);
        var cards = Enumerable.Range(0, 3).Select(_ => bus.Issue(Start)).ToArray();
        bus.OfferLoads(1, cards.Select(c => (c, 1, Load)).ToArray());
        bus.Tap(cards[0]);
        bus.Clock.Advance(3_600_000_000);

        var before = GC.GetAllocatedBytesForCurrentThread() - meter.ModelBytes;
        bus.Terminal.Reader.Field.Enter(cards[1]);
        var outcome = bus.Terminal.Tap.Poll();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - meter.ModelBytes - before;
        bus.Terminal.Reader.Field.Remove(cards[1]);

        Assert.Equal(TapOutcome.Accepted, outcome);
        Assert.Equal(Start + Load - Fare, bus.Balance(cards[1]));
        Assert.Equal(0, allocated);
    }
}
