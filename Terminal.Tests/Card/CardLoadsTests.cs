using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Terminal.Firmware.Card;
using Xunit;

namespace Terminal.Tests.Card;

/// <summary>
/// The card's memory of loads (purse tag + block 10) against a model: whatever prefix of a load's two writes
/// reached the card, the next terminal judges exactly the loads it took as taken.
/// </summary>
public sealed class CardLoadsTests
{
    [Theory]
    [InlineData(true, 0, 0, 1, 0)]
    [InlineData(true, 5, 6, 6, 6)]
    [InlineData(true, 250, 4, 260, 260)]
    [InlineData(true, 0xFFFF, 0x00, 0x0000, 0x0000)]
    [InlineData(false, 0, 6, 6, 6)]
    [InlineData(false, 0, 5, 6, 5)]
    public void TheLastLoadTakenFollowsTheTagFromBlock10OrFromTheOffer(bool readable, int recorded, int tag, int offered, int expected) =>
        Assert.Equal(expected, CardLoads.LastTaken(readable, recorded, tag, offered));

    [Fact]
    public void AnOlderOrTheSameLoadIsNotDueAndANewerOneIs()
    {
        Assert.False(CardLoads.IsDue(7, 7));
        Assert.False(CardLoads.IsDue(6, 7));
        Assert.True(CardLoads.IsDue(8, 7));
        Assert.True(CardLoads.IsDue(0, 0xFFFF));
    }

    /// <summary>
    /// A card takes loads whose numbers rise by 1..255 at a time, the terminal's way: block 10 first made to name
    /// the last load when it does not (that write may tear), then the purse with the tag, then block 10, which
    /// may be skipped or torn. Whatever reached the card, the load is due until its purse write and never after.
    /// </summary>
    [Property(MaxTest = 500)]
    public Property EveryTearOfALoadsWritesIsJudgedRight() =>
        Prop.ForAll(Histories().ToArbitrary(), history =>
        {
            var recorded = 0;
            var readable = true;
            var tag = 0;
            var previous = 0;
            foreach (var (step, repairTorn, ending) in history)
            {
                var number = (previous + step) & 0xFFFF;
                var last = CardLoads.LastTaken(readable, recorded, tag, number);
                if (last != previous || !CardLoads.IsDue(number, last))
                {
                    return false;
                }

                if (!(readable && recorded == last))
                {
                    if (repairTorn)
                    {
                        readable = false;
                        continue;
                    }

                    recorded = last;
                    readable = true;
                }

                tag = number & 0xFF;
                previous = number;
                readable = ending != 2 && readable;
                recorded = ending == 1 ? number : recorded;
                readable = ending == 1 || readable;
                if (CardLoads.IsDue(number, CardLoads.LastTaken(readable, recorded, tag, number)))
                {
                    return false;
                }
            }

            return true;
        });

    private static Gen<(int Step, bool RepairTorn, int Ending)[]> Histories() =>
        Gen.ArrayOf(
            from step in Gen.Choose(1, 255)
            from repairTorn in Gen.Elements(false, false, true)
            from ending in Gen.Choose(0, 2)
            select (step, repairTorn, ending));
}
