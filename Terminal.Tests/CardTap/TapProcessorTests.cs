using Terminal.Drivers.Indicators;
using RefusalReason = Terminal.Drivers.Indicators.RefusalReason;
using Terminal.Emulator.Backoffice;
using Terminal.Firmware.Blacklist;
using Terminal.Firmware.Card;
using Terminal.Firmware.Journal;
using Terminal.Firmware.Tap;
using Terminal.Simulation.Cards;
using Terminal.Emulator.Board;
using Xunit;

namespace Terminal.Tests.CardTap;

/// <summary>The real firmware's tap, through the MFRC522 driver, the chip model and virtual cards.</summary>
public sealed class TapProcessorTests
{
    private readonly EmulatedBus _rig = new();

    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    public void AnIssuedCardPaysTheFareAndTheJournalHasIt(int uidLength)
    {
        var card = _rig.Issue(1000, uidLength: uidLength);
        Assert.Equal(BlacklistStatus.Ok, _rig.Terminal.Blacklist.LoadSnapshot(1, new BlacklistChanges()));

        Assert.Equal(TapOutcome.Accepted, _rig.Tap(card));

        var status = _rig.Terminal.Tap.Status;
        Assert.Equal(IndicatorState.Accepted, status.State);
        Assert.Equal(DemoFareTable.AdultFare, status.FareCents);
        Assert.Equal(1000 - DemoFareTable.AdultFare, status.BalanceCents);
        Assert.Equal(1000 - DemoFareTable.AdultFare, _rig.Balance(card));
        var record = Assert.Single(_rig.JournalRecords());
        Assert.Equal(TxKind.CardTapAccepted, record.Kind);
        Assert.Equal(card.Uid, record.Uid.Take(record.UidLength));
        Assert.Equal(DemoFareTable.AdultFare, record.Amount);
        Assert.Equal(750, record.BalanceAfter);
        Assert.Equal(1, record.CardCounter);
    }

    [Fact]
    public void ACardLeftOnTheReaderIsNotChargedAgain()
    {
        var card = _rig.Issue(1000);
        var field = _rig.Terminal.Reader.Field;
        field.Enter(card);
        Assert.Equal(TapOutcome.Accepted, _rig.Terminal.Tap.Poll());
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(TapOutcome.StillPresent, _rig.Terminal.Tap.Poll());
        }

        field.Remove(card);
        Assert.Equal(TapOutcome.NoCard, _rig.Terminal.Tap.Poll());
        Assert.Equal(750, _rig.Balance(card));
    }

    [Fact]
    public void ASecondTapWithinThePassbackWindowIsAlreadyPaid()
    {
        var card = _rig.Issue(1000);
        _rig.Tap(card);
        _rig.Clock.Advance(30_000_000);

        Assert.Equal(TapOutcome.AlreadyPaid, _rig.Tap(card));
        Assert.True(_rig.Terminal.Tap.Status.IsAlreadyPaid);
        Assert.Equal(750, _rig.Balance(card));

        _rig.Clock.Advance((DemoFareTable.PassbackSeconds + 1) * 1_000_000L);
        Assert.Equal(TapOutcome.Accepted, _rig.Tap(card));
        Assert.Equal(500, _rig.Balance(card));
    }

    [Fact]
    public void ACardWithoutEnoughValueIsRefusedAndKeepsIt()
    {
        var card = _rig.Issue(5);

        Assert.Equal(TapOutcome.Refused, _rig.Tap(card));
        Assert.Equal(RefusalReason.InsufficientFunds, _rig.Terminal.Tap.Status.Reason);
        Assert.Equal(5, _rig.Balance(card));
        Assert.Equal(0, _rig.JournaledCharges());
    }

    [Fact]
    public void AConcessionCardPaysItsConcessionFare()
    {
        var child = _rig.Issue(1000, cardType: 1);
        _rig.Tap(child);
        Assert.Equal(DemoFareTable.AdultFare / 2, _rig.Terminal.Tap.Status.FareCents);
        Assert.Equal(1000 - DemoFareTable.AdultFare / 2, _rig.Balance(child));
    }

    [Fact]
    public void AFactoryCardIsNotOurs()
    {
        var stranger = MifareClassicCard.OneK(EmulatedBus.Uid(4));
        Assert.Equal(TapOutcome.Refused, _rig.Tap(stranger));
        Assert.Equal(RefusalReason.CardUnreadable, _rig.Terminal.Tap.Status.Reason);
        Assert.Empty(_rig.JournalRecords());
    }

    [Fact]
    public void ABalanceEditedWithAnotherReaderIsRefusedAndReported()
    {
        var card = _rig.Issue(1000);
        var block = card.ReadBlock(CardLayout.PurseBlockA);
        block[1] ^= 0x40;
        card.WriteBlock(CardLayout.PurseBlockA, block);

        Assert.Equal(TapOutcome.Refused, _rig.Tap(card));
        Assert.Equal(RefusalReason.CardUnreadable, _rig.Terminal.Tap.Status.Reason);
        var record = Assert.Single(_rig.JournalRecords());
        Assert.Equal(TxKind.Refusal, record.Kind);
        Assert.Equal((int)RefusalCode.CardTampered, record.Reason);
    }

    [Fact]
    public void ABlacklistedCardIsRefusedAndBlockedOnTheCardItself()
    {
        var card = _rig.Issue(1000);
        var listing = new BlacklistChanges();
        listing.ListCard(card.Uid, 0, card.Uid.Length, 9);
        Assert.Equal(BlacklistStatus.Ok, _rig.Terminal.Blacklist.LoadSnapshot(1, listing));

        Assert.Equal(TapOutcome.Refused, _rig.Tap(card));
        Assert.Equal(RefusalReason.CardBlocked, _rig.Terminal.Tap.Status.Reason);
        Assert.Equal(1000, _rig.Balance(card));

        var elsewhere = new EmulatedBus();
        var otherTerminal = new Terminal.Emulator.Board.EmulatedTerminal(_rig.Keys, elsewhere.Config, elsewhere.Clock, elsewhere.Flash);
        otherTerminal.LoadFares(DemoFareTable.Signed(_rig.Keys.Backend, elsewhere.Clock.UtcUnixSeconds - 86400));
        otherTerminal.Reader.Field.Enter(card);
        Assert.Equal(TapOutcome.Refused, otherTerminal.Tap.Poll());
        Assert.Equal(RefusalReason.CardBlocked, otherTerminal.Tap.Status.Reason);
    }

    [Fact]
    public void WithoutAFareTableTheTerminalTakesNoFares()
    {
        var card = _rig.Issue(1000);
        var bare = new Terminal.Emulator.Board.EmulatedTerminal(_rig.Keys, _rig.Config, _rig.Clock, new Terminal.Simulation.Flash.SimulatedFlash());
        bare.Reader.Field.Enter(card);
        Assert.Equal(TapOutcome.Refused, bare.Tap.Poll());
        Assert.Equal(RefusalReason.ServiceNeeded, bare.Tap.Status.Reason);
        Assert.Equal(1000, _rig.Balance(card));
    }
}
