using Terminal.Firmware.Tap;
using Terminal.Simulation.Flash;
using Terminal.Emulator.Board;
using Xunit;

namespace Terminal.Tests.CardTap;

/// <summary>
/// A card pulled away at every exchange of a tap, and the power cut at every flash write: the passenger
/// taps again, and in every case the card pays exactly one fare and the journal settles to exactly it.
/// </summary>
public sealed class TapTearingTests
{
    private const int Start = 1000;
    private const int Fare = 250;

    public static TheoryData<int> Exchanges()
    {
        var rig = new EmulatedBus();
        var card = rig.Issue(Start);
        var field = rig.Terminal.Reader.Field;
        var before = field.ExchangeCount;
        rig.Tap(card);
        var data = new TheoryData<int>();
        for (var n = 0; n < field.ExchangeCount - before; n++)
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Exchanges))]
    public void CardTornAfterExchangeNIsChargedOnce(int exchange) =>
        PullThenTapAgain(exchange, (field, card, index) => field.TearAt(index, card));

    [Theory]
    [MemberData(nameof(Exchanges))]
    public void CardGoneBeforeExchangeNIsChargedOnce(int exchange) =>
        PullThenTapAgain(exchange, (field, card, index) => field.RemoveBefore(index, card));

    [Theory]
    [MemberData(nameof(Exchanges))]
    public void CardTornMidProgrammingAtExchangeNIsChargedOnce(int exchange) =>
        PullThenTapAgain(exchange, (field, card, index) => field.TearDuringProgramming(index, card, 7));

    [Fact]
    public void PowerCutAtEveryFlashWriteOfATapLosesNothing()
    {
        var probe = new EmulatedBus();
        var probeCard = probe.Issue(Start);
        probe.Flash.StartRecording();
        probe.Tap(probeCard);
        var writes = probe.Flash.RecordedWrites.Count;
        Assert.True(writes > 0);

        for (var write = 0; write < writes; write++)
        {
            var rig = new EmulatedBus();
            var card = rig.Issue(Start);
            rig.Flash.ArmPowerCut(write, 0);
            var first = TapUntilPowerCut(rig, card);
            rig.Boot();
            rig.Clock.Advance(5_000_000);
            var second = rig.Tap(card);

            Assert.Equal(Start - Fare, rig.Balance(card));
            Assert.Equal(Fare, rig.JournaledCharges());
            Assert.True(first is TapOutcome.Accepted || second is TapOutcome.Accepted or TapOutcome.AlreadyPaid or TapOutcome.RolledForward,
                $"cut at write {write}: first {first}, then {second}");
        }
    }

    private static TapOutcome? TapUntilPowerCut(EmulatedBus rig, Terminal.Simulation.Cards.MifareClassicCard card)
    {
        try
        {
            return rig.Tap(card);
        }
        catch (PowerCutException)
        {
            return null;
        }
    }

    private static void PullThenTapAgain(int exchange, Action<Terminal.Simulation.Rf.RfField, Terminal.Simulation.Cards.MifareClassicCard, long> fault)
    {
        var rig = new EmulatedBus();
        var card = rig.Issue(Start);
        var field = rig.Terminal.Reader.Field;
        field.Enter(card);
        fault(field, card, field.ExchangeCount + exchange);
        var first = rig.Terminal.Tap.Poll();
        field.Remove(card);
        field.ClearFaults();
        rig.Terminal.Tap.Poll();
        rig.Clock.Advance(5_000_000);

        var second = rig.Tap(card);

        Assert.Equal(Start - Fare, rig.Balance(card));
        Assert.Equal(Fare, rig.JournaledCharges());
        Assert.False(first == TapOutcome.Accepted && second == TapOutcome.Accepted, "charged twice");
        Assert.Contains(second, new[] { TapOutcome.Accepted, TapOutcome.AlreadyPaid, TapOutcome.RolledForward });
        Assert.False(rig.Terminal.Tap.HasPendingWrite);
    }
}
