using Terminal.Firmware.Card;
using Xunit;

namespace Terminal.Tests.Card;

public sealed class PurseSlotsTests
{
    [Theory]
    [InlineData(5, 6, 1)]
    [InlineData(6, 5, 0)]
    [InlineData(65535, 0, 1)]
    [InlineData(0, 65535, 0)]
    public void TheNewerCounterWinsAcrossTheWrap(int counterA, int counterB, int expected) =>
        Assert.Equal(expected, PurseSlots.Active(CardRecordStatus.Ok, new PurseState { Counter = counterA }, CardRecordStatus.Ok, new PurseState { Counter = counterB }));

    [Theory]
    [InlineData(CardRecordStatus.BadMac, CardRecordStatus.Ok, 1)]
    [InlineData(CardRecordStatus.Ok, CardRecordStatus.BadMac, 0)]
    [InlineData(CardRecordStatus.Ok, CardRecordStatus.Blank, 0)]
    [InlineData(CardRecordStatus.Blank, CardRecordStatus.BadMac, PurseSlots.None)]
    [InlineData(CardRecordStatus.BadMac, CardRecordStatus.BadMac, PurseSlots.None)]
    public void ATornOrForgedCopyNeverWins(CardRecordStatus a, CardRecordStatus b, int expected) =>
        Assert.Equal(expected, PurseSlots.Active(a, new PurseState { Counter = 9 }, b, new PurseState { Counter = 10 }));

    [Fact]
    public void SlotsMapToTheirBlocks()
    {
        Assert.Equal(CardLayout.PurseBlockA, PurseSlots.Block(0));
        Assert.Equal(CardLayout.PurseBlockB, PurseSlots.Block(PurseSlots.Other(0)));
        Assert.Equal(CardLayout.SectorA, PurseSlots.Sector(0));
        Assert.Equal(CardLayout.SectorB, PurseSlots.Sector(1));
    }
}
