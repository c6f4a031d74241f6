using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Reader;
using Terminal.Simulation.Rf;
using Terminal.Tests.Iso14443;
using Xunit;
using SimCards = Terminal.Simulation.Cards;

namespace Terminal.Tests.Mifare;

/// <summary>Ultralight/NTAG page commands through the driver, the chip model and a virtual tag.</summary>
public sealed class UltralightEndToEndTests
{
    private static readonly byte[] Uid = [0x04, 0x5E, 0x21, 0x7A, 0x19, 0x6C, 0x80];
    private static readonly byte[] Ticket = [0x54, 0x4B, 0x54, 0x31];

    [Fact]
    public void WritesAPageAndReadsItBackAmongItsNeighbours()
    {
        var tag = new SimCards.UltralightCard(Uid, SimCards.UltralightType.Ultralight);
        var stack = Selected(tag);
        Assert.Equal(CardType.UltralightOrNtag, stack.Card.Type);
        Assert.Equal(ReaderStatus.Ok, stack.Ultralight.WritePage(5, Ticket, 0));
        var pages = new byte[16];
        Assert.Equal(ReaderStatus.Ok, stack.Ultralight.ReadPages(4, pages, 0));
        Assert.Equal(Ticket, pages[4..8]);
        Assert.Equal(Ticket, tag.ReadPage(5));
    }

    [Fact]
    public void PageZeroToTwoHoldTheUidTheReaderSelected()
    {
        var stack = Selected(new SimCards.UltralightCard(Uid, SimCards.UltralightType.Ntag213));
        var pages = new byte[16];
        Assert.Equal(ReaderStatus.Ok, stack.Ultralight.ReadPages(0, pages, 0));
        Assert.Equal(Uid[..3], pages[..3]);
        Assert.Equal(Uid[3..], pages[4..8]);
        Assert.Equal(Uid, stack.SelectedUid);
    }

    [Fact]
    public void ALockedPageRefusesWrites()
    {
        var tag = new SimCards.UltralightCard(Uid, SimCards.UltralightType.Ultralight);
        var page2 = tag.ReadPage(2);
        page2[2] |= 1 << 5;
        tag.WritePage(2, page2);
        var stack = Selected(tag);
        Assert.Equal(ReaderStatus.Nak, stack.Ultralight.WritePage(5, Ticket, 0));
        Assert.Equal(new byte[4], tag.ReadPage(5));
    }

    [Fact]
    public void ReadingPastTheEndOfAnNtagIsRefused()
    {
        var stack = Selected(new SimCards.UltralightCard(Uid, SimCards.UltralightType.Ntag213));
        Assert.Equal(ReaderStatus.Nak, stack.Ultralight.ReadPages(0x2D, new byte[16], 0));
    }

    [Fact]
    public void ATagThatLeftIsGone()
    {
        var tag = new SimCards.UltralightCard(Uid, SimCards.UltralightType.Ultralight);
        var stack = Selected(tag);
        stack.Field.Remove(tag);
        Assert.Equal(ReaderStatus.CardGone, stack.Ultralight.ReadPages(4, new byte[16], 0));
        Assert.Equal(ReaderStatus.CardGone, stack.Ultralight.WritePage(4, Ticket, 0));
    }

    [Theory]
    [InlineData(FieldFaultKind.RemoveBefore)]
    [InlineData(FieldFaultKind.TearAfterReceive)]
    public void AWriteCutShortLeavesTheOldOrTheNewPage(FieldFaultKind kind)
    {
        var tag = new SimCards.UltralightCard(Uid, SimCards.UltralightType.Ultralight);
        var stack = Selected(tag);
        ActivationEndToEndTests.Plan(stack.Field, kind, stack.Exchanges, tag);
        Assert.Equal(ReaderStatus.CardGone, stack.Ultralight.WritePage(6, Ticket, 0));
        Assert.Equal(kind == FieldFaultKind.RemoveBefore ? new byte[4] : Ticket, tag.ReadPage(6));
    }

    private static ReaderStack Selected(SimCards.UltralightCard tag)
    {
        var stack = new ReaderStack(tag);
        stack.DetectOk();
        return stack;
    }
}
