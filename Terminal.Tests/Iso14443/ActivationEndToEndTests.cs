using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Terminal.Drivers.Iso14443;
using Terminal.Drivers.Reader;
using Terminal.Simulation.Rf;
using Xunit;
using MifareClassicCard = Terminal.Simulation.Cards.MifareClassicCard;
using OtherTypeACard = Terminal.Simulation.Cards.OtherTypeACard;
using UltralightCard = Terminal.Simulation.Cards.UltralightCard;
using UltralightType = Terminal.Simulation.Cards.UltralightType;

namespace Terminal.Tests.Iso14443;

/// <summary>Activation through the driver, the chip model and the RF field, one card or several.</summary>
public sealed class ActivationEndToEndTests
{
    private static readonly byte[] Uid4 = [0x5A, 0x3C, 0x91, 0x07];
    private static readonly byte[] Uid7 = [0x04, 0x6B, 0x12, 0x88, 0x3A, 0x5D, 0x80];
    private static readonly byte[] Uid10 = [0x04, 0x21, 0x43, 0x65, 0x87, 0xA9, 0xCB, 0xED, 0x0F, 0x31];

    public static TheoryData<string, int, int, CardType> Cards => new()
    {
        { "classic-1k-4", 4, 0x0004, CardType.MifareClassic1K },
        { "classic-1k-7", 7, 0x0044, CardType.MifareClassic1K },
        { "classic-4k-4", 4, 0x0002, CardType.MifareClassic4K },
        { "ultralight-7", 7, 0x0044, CardType.UltralightOrNtag },
        { "part4-10", 10, 0x0084, CardType.Iso14443Part4 },
    };

    [Theory]
    [MemberData(nameof(Cards))]
    public void DetectsEachUidLengthWithoutCascadeTags(string kind, int length, int atqa, CardType type)
    {
        var uid = length switch { 4 => Uid4, 7 => Uid7, _ => Uid10 };
        var stack = new ReaderStack(MakeCard(kind, uid));
        stack.DetectOk();
        Assert.Equal(uid, stack.SelectedUid);
        Assert.Equal(atqa, stack.Card.Atqa);
        Assert.Equal(type, stack.Card.Type);
    }

    [Fact]
    public void AnEmptyFieldTimesOutQuickly()
    {
        var stack = new ReaderStack();
        var before = stack.Clock.MonotonicMicroseconds;
        Assert.Equal(ReaderStatus.Timeout, stack.Detect());
        Assert.Equal(0, stack.Card.Uid.Length);
        Assert.InRange(stack.Clock.MonotonicMicroseconds - before, 1, 3000);
    }

    [Fact]
    public void TwoCardsInTheFieldStillGiveOneCleanSelection()
    {
        var stack = new ReaderStack(MifareClassicCard.OneK(Uid4), MifareClassicCard.OneK(Uid7));
        stack.DetectOk();
        Assert.True(stack.SelectedUid.SequenceEqual(Uid4) || stack.SelectedUid.SequenceEqual(Uid7));
    }

    [Fact]
    public void SelectAllFindsTwoCardsThatCollideOnlyInTheSecondCascadeLevel()
    {
        byte[] a = [0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66];
        byte[] b = [0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x67];
        AssertFindsExactly(MifareClassicCard.OneK(a), MifareClassicCard.OneK(b));
    }

    [Fact]
    public void SelectAllFindsThreeCardsOfEveryUidLength() =>
        AssertFindsExactly(MifareClassicCard.OneK(Uid4), new UltralightCard(Uid7, UltralightType.Ntag213), new OtherTypeACard(Uid10));

    [Fact]
    public void SelectAllStopsWhenItsArrayIsFull()
    {
        var stack = new ReaderStack(MifareClassicCard.OneK(Uid4), MifareClassicCard.OneK(Uid7), new OtherTypeACard(Uid10));
        var found = new[] { new SelectedCard(), new SelectedCard() };
        Assert.Equal(ReaderStatus.Ok, stack.Reader.SelectAll(found, out var count));
        Assert.Equal(2, count);
    }

    [Property(MaxTest = 40)]
    public Property SelectAllFindsEveryCardOfARandomCrowd() =>
        Prop.ForAll(Crowd().ToArbitrary(), uids =>
        {
            var cards = uids.Select(u => u.Length == 10 ? (IVirtualCard)new OtherTypeACard(u) : MifareClassicCard.OneK(u)).ToArray();
            var found = FindAll(new ReaderStack(cards), cards.Length + 1);
            return found.Count == uids.Length && uids.All(u => found.Any(f => f.SequenceEqual(u)));
        });

    [Fact]
    public void AHaltedCardIgnoresReqaButWakesOnWupa()
    {
        var stack = new ReaderStack(MifareClassicCard.OneK(Uid4));
        stack.DetectOk();
        Assert.Equal(ReaderStatus.Ok, stack.Reader.HaltA());
        Assert.Equal(ReaderStatus.Timeout, stack.Reader.RequestA(stack.Card));
        stack.DetectOk();
        Assert.Equal(Uid4, stack.SelectedUid);
    }

    [Fact]
    public void HaltCostsAboutAMillisecondNotTheChipsDefault25()
    {
        var stack = new ReaderStack(MifareClassicCard.OneK(Uid4));
        stack.DetectOk();
        var before = stack.Clock.MonotonicMicroseconds;
        Assert.Equal(ReaderStatus.Ok, stack.Reader.HaltA());
        Assert.InRange(stack.Clock.MonotonicMicroseconds - before, 1000, 3000);
    }

    [Fact]
    public void ReselectPicksOneHaltedCardByUidAndReportsAMissingOneAsGone()
    {
        var gone = MifareClassicCard.OneK(Uid4);
        var stack = new ReaderStack(gone, MifareClassicCard.OneK(Uid7));
        var found = new[] { new SelectedCard(), new SelectedCard() };
        Assert.Equal(ReaderStatus.Ok, stack.Reader.SelectAll(found, out var count));
        Assert.Equal(2, count);
        var seven = found.Single(f => f.Uid.Length == 7);
        var four = found.Single(f => f.Uid.Length == 4);

        Assert.Equal(ReaderStatus.Ok, stack.Reader.Reselect(seven));
        Assert.Equal(CardType.MifareClassic1K, seven.Type);
        Assert.Equal(ReaderStatus.Ok, stack.Reader.HaltA());
        stack.Field.Remove(gone);
        Assert.Equal(ReaderStatus.CardGone, stack.Reader.Reselect(four));
    }

    [Fact]
    public void AParityErrorOnTheAnswerIsACrcErrorAndTheNextDetectionWorks()
    {
        var stack = new ReaderStack(MifareClassicCard.OneK(Uid4));
        stack.Chip.FailParityOfNextReception();
        Assert.Equal(ReaderStatus.CrcError, stack.Detect());
        stack.DetectOk();
        Assert.Equal(Uid4, stack.SelectedUid);
    }

    [Fact]
    public void ACardLeftActiveWithoutHaltIsDetectedAgainAtTheNextPoll()
    {
        var stack = new ReaderStack(MifareClassicCard.OneK(Uid7));
        stack.DetectOk();
        stack.DetectOk();
        Assert.Equal(Uid7, stack.SelectedUid);
    }

    [Theory]
    [InlineData(4, FieldFaultKind.RemoveBefore)]
    [InlineData(4, FieldFaultKind.TearAfterReceive)]
    [InlineData(7, FieldFaultKind.RemoveBefore)]
    [InlineData(7, FieldFaultKind.TearAfterReceive)]
    public void ACardLeavingAtAnyExchangeOfDetectionIsReportedCleanly(int length, FieldFaultKind kind)
    {
        var uid = length == 4 ? Uid4 : Uid7;
        var exchanges = ExchangesOf(stack => stack.DetectOk(), () => MifareClassicCard.OneK(uid));
        Assert.Equal(length == 4 ? 3 : 5, exchanges);
        for (var n = 0; n < exchanges; n++)
        {
            var card = MifareClassicCard.OneK(uid);
            var stack = new ReaderStack(card);
            Plan(stack.Field, kind, stack.Exchanges + n, card);
            var status = stack.Detect();
            Assert.Equal(n == 0 ? ReaderStatus.Timeout : ReaderStatus.CardGone, status);
            Assert.Equal(ReaderStatus.Timeout, stack.Detect());
        }
    }

    private static void AssertFindsExactly(params IVirtualCard[] cards)
    {
        var found = FindAll(new ReaderStack(cards), cards.Length + 1);
        Assert.Equal(
            cards.Select(c => Convert.ToHexString(c.Uid)).Order(),
            found.Select(Convert.ToHexString).Order());
    }

    private static List<byte[]> FindAll(ReaderStack stack, int room)
    {
        var found = Enumerable.Range(0, room).Select(_ => new SelectedCard()).ToArray();
        Assert.Equal(ReaderStatus.Ok, stack.Reader.SelectAll(found, out var count));
        return found.Take(count).Select(f => f.Uid.Bytes[..f.Uid.Length]).ToList();
    }

    /// <summary>2 to 4 distinct UIDs of 4, 7 or 10 bytes (no 0x88 first byte, which only a cascade tag may have).</summary>
    private static Gen<byte[][]> Crowd() =>
        from count in Gen.Choose(2, 4)
        from uids in Gen.ArrayOf(Uid(), count)
        where uids.Select(Convert.ToHexString).Distinct().Count() == count
        select uids;

    private static Gen<byte[]> Uid() =>
        from length in Gen.Elements(4, 7, 10)
        from bytes in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length)
        where bytes[0] != 0x88 && (length != 4 || bytes[0] != 0x08)
        select bytes;

    internal static int ExchangesOf(Action<ReaderStack> operation, Func<IVirtualCard> card)
    {
        var stack = new ReaderStack(card());
        var before = stack.Exchanges;
        operation(stack);
        return (int)(stack.Exchanges - before);
    }

    internal static void Plan(RfField field, FieldFaultKind kind, long exchange, IVirtualCard card)
    {
        if (kind == FieldFaultKind.RemoveBefore)
        {
            field.RemoveBefore(exchange, card);
        }
        else
        {
            field.TearAt(exchange, card);
        }
    }

    private static IVirtualCard MakeCard(string kind, byte[] uid) => kind switch
    {
        "classic-1k-4" or "classic-1k-7" => MifareClassicCard.OneK(uid),
        "classic-4k-4" => MifareClassicCard.FourK(uid),
        "ultralight-7" => new UltralightCard(uid, UltralightType.Ultralight),
        _ => new OtherTypeACard(uid),
    };
}
