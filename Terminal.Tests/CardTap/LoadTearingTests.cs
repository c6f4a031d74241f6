using Terminal.Emulator.Backoffice;
using Terminal.Emulator.Board;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Cards;
using Terminal.Simulation.Flash;
using Terminal.Simulation.Rf;
using Xunit;

namespace Terminal.Tests.CardTap;

/// <summary>
/// A tap that picks up a pending load, with the card pulled away at every exchange (before it, after it, in the
/// middle of its EEPROM programming) and the power cut at every flash write; the passenger taps again, here and then
/// on another bus holding the same list. In every case the load is on the card exactly once, the fare is paid once,
/// and the journal settles to exactly that (the model of cases is TapTearingTests).
/// </summary>
public sealed class LoadTearingTests
{
    private const int Start = 1000;
    private const int Load = 1500;
    private const int Fare = 250;

    public static TheoryData<int> Exchanges()
    {
        var rig = new EmulatedBus();
        var card = rig.Issue(Start);
        rig.OfferLoads(1, (card, 1, Load));
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
    public void CardTornAfterExchangeNTakesTheLoadOnce(int exchange) =>
        PullThenTapAgain(exchange, (field, card, index) => field.TearAt(index, card));

    [Theory]
    [MemberData(nameof(Exchanges))]
    public void CardGoneBeforeExchangeNTakesTheLoadOnce(int exchange) =>
        PullThenTapAgain(exchange, (field, card, index) => field.RemoveBefore(index, card));

    [Theory]
    [MemberData(nameof(Exchanges))]
    public void CardTornMidProgrammingAtExchangeNTakesTheLoadOnce(int exchange) =>
        PullThenTapAgain(exchange, (field, card, index) => field.TearDuringProgramming(index, card, 7));

    [Fact]
    public void PowerCutAtEveryFlashWriteOfALoadTapLosesNothingAndDuplicatesNothing()
    {
        var probe = new EmulatedBus();
        var probeCard = probe.Issue(Start);
        probe.OfferLoads(1, (probeCard, 1, Load));
        probe.Flash.StartRecording();
        probe.Tap(probeCard);
        var writes = probe.Flash.RecordedWrites.Count;
        Assert.True(writes >= 2, $"a load tap journals the load and the fare: {writes} writes");

        for (var write = 0; write < writes; write++)
        {
            var rig = new EmulatedBus();
            var card = rig.Issue(Start);
            rig.OfferLoads(1, (card, 1, Load));
            rig.Flash.ArmPowerCut(write, 0);
            try
            {
                rig.Tap(card);
            }
            catch (PowerCutException)
            {
            }

            rig.Boot();
            rig.Clock.Advance(5_000_000);
            var second = rig.Tap(card);

            Assert.Equal(Start + Load - Fare, rig.Balance(card));
            Assert.Equal(Load, rig.JournaledLoads());
            Assert.Equal(Fare, rig.JournaledCharges());
            Assert.True(second is TapOutcome.Accepted or TapOutcome.AlreadyPaid or TapOutcome.RolledForward, $"cut at write {write}: then {second}");
        }
    }

    private static void PullThenTapAgain(int exchange, Action<RfField, MifareClassicCard, long> fault)
    {
        var keys = new SchemeKeys();
        var rig = new EmulatedBus(keys, new TerminalConfig { TerminalId = 17, RouteId = 1 });
        var other = new EmulatedBus(keys, new TerminalConfig { TerminalId = 18, RouteId = 1 }, desk: rig.Desk);
        var card = rig.Issue(Start);
        rig.OfferLoads(1, (card, 1, Load));
        other.OfferLoads(1, (card, 1, Load));
        var field = rig.Terminal.Reader.Field;
        field.Enter(card);
        fault(field, card, field.ExchangeCount + exchange);
        rig.Terminal.Tap.Poll();
        field.Remove(card);
        field.ClearFaults();
        rig.Terminal.Tap.Poll();
        rig.Clock.Advance(5_000_000);

        var second = rig.Tap(card);
        Assert.Contains(second, new[] { TapOutcome.Accepted, TapOutcome.AlreadyPaid, TapOutcome.RolledForward });
        Assert.Equal(Start + Load - Fare, rig.Balance(card));
        Assert.Equal(Load, rig.JournaledLoads());
        Assert.Equal(Fare, rig.JournaledCharges());
        Assert.False(rig.Terminal.Tap.HasPendingWrite);

        other.Clock.Advance(3_600_000_000);
        Assert.Equal(TapOutcome.Accepted, other.Tap(card));
        Assert.Equal(Start + Load - Fare - other.JournaledCharges(), other.Balance(card));
        Assert.Equal(0, other.JournaledLoads());
    }
}
