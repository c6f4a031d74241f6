using Backend.Ingest.Fares;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Terminal.Firmware.Fares;
using Xunit;

namespace Terminal.Tests.Fares;

/// <summary>Loading, verifying and refusing fare tables; a refused table never replaces the one in force.</summary>
public sealed class FareTableStoreTests
{
    private static readonly byte[] SignedExample = ExampleFareTable.Signed();
    private readonly FareTableStore store = new(TestSigning.Verifier());

    [Fact]
    public void LoadsTheExampleTableWithEveryField()
    {
        var bytes = ExampleFareTable.Signed();

        Assert.Equal(FareTableStatus.Loaded, store.Load(bytes, 0, bytes.Length, ExampleFareTable.T));

        var table = store.Current!;
        Assert.Equal(7u, table.Version);
        Assert.Equal(ExampleFareTable.ValidFrom, table.ValidFrom);
        Assert.Equal(ExampleFareTable.ValidUntil, table.ValidUntil);
        Assert.Equal(TestSigning.KeyId, table.IssuerKeyId);
        Assert.Equal(60, table.UtcOffsetMinutes);
        Assert.Equal(180, table.ServiceDayStartMinutes);
        Assert.Equal(2, table.MaxTransfers);
        Assert.Equal(3600, table.TransferWindowSeconds);
        Assert.Equal(60, table.PassbackSeconds);
        Assert.Equal(10, table.OverdraftMinBalance);
        Assert.Equal(500, table.OverdraftLimit);
        Assert.Equal(["en", "fr"], Enumerable.Range(0, table.LanguageCount).Select(table.GetLanguage));
        Assert.Equal(1, table.IndexOfLanguage("fr"));
        Assert.Equal(-1, table.IndexOfLanguage("de"));
        Assert.Equal(3, table.RouteCount);
        Assert.Equal(250, table.BaseFare(10, 0, 0));
        Assert.Equal(400, table.BaseFare(20, 0, 0));
        Assert.Equal(300, table.BaseFare(30, 1, 0));
        Assert.Equal(-1, table.BaseFare(30, 2, 0));
        Assert.Equal(-1, table.BaseFare(11, 0, 0));
        Assert.Equal(800, table.DailyCap(CardType.Adult));
        Assert.Equal(ConcessionKind.PercentOff, table.ConcessionOf(CardType.Child));
        Assert.Equal(ConcessionKind.None, table.ConcessionOf(CardType.Senior));
        Assert.Equal(0, table.DailyCap(CardType.Senior));
        Assert.Equal(2, table.PromotionCount);
    }

    [Fact]
    public void ANewerTableReplacesTheCurrentOne()
    {
        LoadExample(7);
        var newer = ExampleFareTable.Builder();
        newer.Version = 8;
        newer.Routes[0] = new RouteEntry(10, RoutePricing.Flat, 260);

        Assert.Equal(FareTableStatus.Loaded, Offer(newer.Build(TestSigning.Sign)));
        Assert.Equal(8u, store.Current!.Version);
        Assert.Equal(260, store.Current.BaseFare(10, 0, 0));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(6)]
    public void ATableNotNewerIsRefusedAndThePreviousStays(uint offered)
    {
        LoadExample(7);
        var older = ExampleFareTable.Builder();
        older.Version = offered;
        older.Routes[0] = new RouteEntry(10, RoutePricing.Flat, 1);

        Assert.Equal(FareTableStatus.NotNewer, Offer(older.Build(TestSigning.Sign)));
        AssertExampleInForce();
    }

    [Fact]
    public void ATableValidLaterWaitsAndTakesOverAtItsTime()
    {
        LoadExample(7);
        var next = ExampleFareTable.Builder();
        next.Version = 8;
        next.ValidFrom = ExampleFareTable.T + 3600;
        next.Routes[0] = new RouteEntry(10, RoutePricing.Flat, 270);

        Assert.Equal(FareTableStatus.Pending, Offer(next.Build(TestSigning.Sign)));
        Assert.Equal(8u, store.Pending!.Version);
        Assert.Equal(7u, store.TableAt(ExampleFareTable.T + 3599)!.Version);
        AssertExampleInForce();

        var table = store.TableAt(ExampleFareTable.T + 3600)!;

        Assert.Equal(8u, table.Version);
        Assert.Equal(270, table.BaseFare(10, 0, 0));
        Assert.Same(table, store.Current);
        Assert.Null(store.Pending);
    }

    [Fact]
    public void AFirstTableValidLaterLeavesNoTableUntilThen()
    {
        var later = ExampleFareTable.Builder();
        later.ValidFrom = ExampleFareTable.T + 60;

        Assert.Equal(FareTableStatus.Pending, Offer(later.Build(TestSigning.Sign)));
        Assert.Null(store.TableAt(ExampleFareTable.T));
        Assert.Equal(7u, store.TableAt(ExampleFareTable.T + 60)!.Version);
    }

    [Fact]
    public void ANewerTableValidNowDropsAnOlderPendingOne()
    {
        LoadExample(7);
        var later = ExampleFareTable.Builder();
        later.Version = 8;
        later.ValidFrom = ExampleFareTable.T + 3600;
        Assert.Equal(FareTableStatus.Pending, Offer(later.Build(TestSigning.Sign)));
        var now = ExampleFareTable.Builder();
        now.Version = 9;

        Assert.Equal(FareTableStatus.Loaded, Offer(now.Build(TestSigning.Sign)));
        Assert.Null(store.Pending);
        Assert.Equal(9u, store.TableAt(ExampleFareTable.T + 7200)!.Version);
    }

    [Fact]
    public void ATableMustBeNewerThanThePendingOneAndARefusalKeepsBoth()
    {
        LoadExample(7);
        var later = ExampleFareTable.Builder();
        later.Version = 9;
        later.ValidFrom = ExampleFareTable.T + 3600;
        Assert.Equal(FareTableStatus.Pending, Offer(later.Build(TestSigning.Sign)));
        var between = ExampleFareTable.Builder();
        between.Version = 8;
        var corrupt = ExampleFareTable.Builder();
        corrupt.Version = 10;
        var corruptBytes = corrupt.Build(TestSigning.Sign);
        corruptBytes[^1] ^= 1;

        Assert.Equal(FareTableStatus.NotNewer, Offer(between.Build(TestSigning.Sign)));
        Assert.Equal(FareTableStatus.BadSignature, Offer(corruptBytes));

        AssertExampleInForce();
        Assert.Equal(9u, store.Pending!.Version);
        Assert.Equal(ExampleFareTable.T + 3600, store.Pending.ValidFrom);
    }

    [Fact]
    public void ATableSignedByAnotherKeyIsRefused()
    {
        LoadExample(7);
        var forged = ExampleFareTable.Builder();
        forged.Version = 9;

        Assert.Equal(FareTableStatus.BadSignature, Offer(forged.Build(data => TestSigning.Sign(TestSigning.OtherKey, data))));
        AssertExampleInForce();
    }

    [Fact]
    public void ATableNamingAnUnknownKeyIsRefused()
    {
        var unknown = ExampleFareTable.Builder();
        unknown.IssuerKeyId = 99;

        Assert.Equal(FareTableStatus.BadSignature, Offer(unknown.Build(TestSigning.Sign)));
        Assert.Null(store.Current);
    }

    [Fact]
    public void TheOtherKnownKeyVerifiesTablesThatNameIt()
    {
        var rotated = ExampleFareTable.Builder();
        rotated.IssuerKeyId = TestSigning.OtherKeyId;

        Assert.Equal(FareTableStatus.Loaded, Offer(rotated.Build(data => TestSigning.Sign(TestSigning.OtherKey, data))));
    }

    [Fact]
    public void AnyFlippedBitIsRefusedAndThePreviousStays()
    {
        LoadExample(7);
        var newer = ExampleFareTable.Builder();
        newer.Version = 8;
        var genuine = newer.Build(TestSigning.Sign);

        for (int bit = 0; bit < genuine.Length * 8; bit++)
        {
            var tampered = (byte[])genuine.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(FareTableStatus.Loaded, Offer(tampered));
        }

        AssertExampleInForce();
    }

    [Fact]
    public void EveryTruncationIsRefusedAndThePreviousStays()
    {
        LoadExample(7);
        var newer = ExampleFareTable.Builder();
        newer.Version = 8;
        var genuine = newer.Build(TestSigning.Sign);

        for (int length = 0; length < genuine.Length; length++)
        {
            Assert.Equal(FareTableStatus.Truncated, store.Load(genuine, 0, length, ExampleFareTable.T));
        }

        AssertExampleInForce();
    }

    [Fact]
    public void TrailingBytesAreRefused()
    {
        var bytes = ExampleFareTable.Signed();
        Assert.Equal(FareTableStatus.LengthMismatch, Offer([.. bytes, 0]));
    }

    [Fact]
    public void AnOffsetIntoALargerBufferIsRead()
    {
        var bytes = ExampleFareTable.Signed();
        byte[] framed = [0xAA, 0xBB, .. bytes, 0xCC];

        Assert.Equal(FareTableStatus.Loaded, store.Load(framed, 2, bytes.Length, ExampleFareTable.T));
        Assert.Equal(7u, store.Current!.Version);
    }

    [Theory]
    [InlineData(0, 0x47, FareTableStatus.BadMagic)]
    [InlineData(2, 2, FareTableStatus.UnsupportedFormat)]
    public void RefusesOtherFormats(int index, byte value, FareTableStatus expected)
    {
        var bytes = ExampleFareTable.Signed();
        bytes[index] = value;
        Assert.Equal(expected, Offer(bytes));
    }

    [Fact]
    public void RefusesRangesThatArgumentsDoNotCover()
    {
        var bytes = ExampleFareTable.Signed();
        Assert.Equal(FareTableStatus.Truncated, store.Load(bytes, 10, bytes.Length, ExampleFareTable.T));
        Assert.Equal(FareTableStatus.Truncated, store.Load(bytes, -1, 4, ExampleFareTable.T));
        Assert.Equal(FareTableStatus.Truncated, store.Load(null!, 0, 0, ExampleFareTable.T));
    }

    public static TheoryData<string, Action<FareTableBuilder>> InvalidValues => new()
    {
        { "no language", b => b.Languages.Clear() },
        { "upper-case language", b => b.Languages[1] = "FR" },
        { "valid-until before valid-from", b => b.ValidUntil = b.ValidFrom },
        { "UTC offset beyond +14:00", b => b.UtcOffsetMinutes = 841 },
        { "service day start at 24:00", b => b.ServiceDayStartMinutes = 1440 },
        { "transfer window over a day", b => b.TransferWindowSeconds = 86401 },
        { "passback window over a day", b => b.PassbackSeconds = 86401 },
        { "negative overdraft limit", b => b.OverdraftLimit = -1 },
        { "routes out of order", b => b.Routes.Reverse() },
        { "repeated route", b => b.Routes[1] = b.Routes[0] },
        { "route id reserved for all routes", b => b.Routes[2] = new RouteEntry(0xFFFF, RoutePricing.Flat, 1) },
        { "negative flat fare", b => b.Routes[0] = new RouteEntry(10, RoutePricing.Flat, -1) },
        { "fare above the maximum", b => b.Routes[0] = new RouteEntry(10, RoutePricing.Flat, FareTableFormat.MaxAmount + 1) },
        { "unknown pricing", b => b.Routes[0] = new RouteEntry(10, (RoutePricing)2, 1) },
        { "zonal route with a flat fare", b => b.Routes[2] = new RouteEntry(30, RoutePricing.Zonal, 5) },
        { "zonal route without zones", b => { b.ZoneCount = 0; b.ZoneFares.Clear(); } },
        { "negative zone fare", b => b.ZoneFares[3] = -5 },
        { "unknown card type", b => b.Concessions[0] = new ConcessionEntry((CardType)5, ConcessionKind.None, 0, 0) },
        { "repeated card type", b => b.Concessions[1] = b.Concessions[0] },
        { "percentage over 100", b => b.Concessions[1] = new ConcessionEntry(CardType.Child, ConcessionKind.PercentOff, 101, 0) },
        { "free with a value", b => b.Concessions[3] = new ConcessionEntry(CardType.Staff, ConcessionKind.Free, 1, 0) },
        { "unknown concession kind", b => b.Concessions[3] = new ConcessionEntry(CardType.Staff, (ConcessionKind)4, 0, 0) },
        { "negative cap", b => b.Concessions[0] = new ConcessionEntry(CardType.Adult, ConcessionKind.None, 0, -1) },
        { "promotion ending before it starts", b => b.Promotions[0] = b.Promotions[0] with { Until = b.Promotions[0].From } },
        { "promotion for an unknown card type", b => b.Promotions[0] = b.Promotions[0] with { CardType = 7 } },
        { "unknown promotion kind", b => b.Promotions[0] = b.Promotions[0] with { Kind = 0 } },
        { "promotion over 100 percent", b => b.Promotions[0] = b.Promotions[0] with { Kind = PromotionKind.PercentOff, Value = 101 } },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void RefusesValuesOutOfRange(string why, Action<FareTableBuilder> spoil)
    {
        LoadExample(7);
        var builder = ExampleFareTable.Builder();
        builder.Version = 8;
        spoil(builder);

        Assert.True(FareTableStatus.InvalidValue == Offer(builder.Build(TestSigning.Sign)), why);
        AssertExampleInForce();
    }

    [Fact]
    public void RefusesANonZeroReservedByte()
    {
        var unsigned = ExampleFareTable.Builder().BuildUnsigned();
        unsigned[3] = 1;
        Assert.Equal(FareTableStatus.InvalidValue, Offer([.. unsigned, .. TestSigning.Sign(unsigned)]));
    }

    [Theory]
    [InlineData(31, FareTableFormat.MaxLanguages + 1)]
    [InlineData(50, FareTableFormat.MaxZones + 1)]
    [InlineData(51, FareTableFormat.CardTypeCount + 1)]
    [InlineData(52, FareTableFormat.MaxPromotions + 1)]
    public void RefusesMoreEntriesThanTheTerminalHoldsBeforeReadingThem(int countOffset, byte count)
    {
        var bytes = ExampleFareTable.Signed();
        bytes[countOffset] = count;
        Assert.Equal(FareTableStatus.CapacityExceeded, Offer(bytes));
    }

    [Fact]
    public void RefusesMoreRoutesThanTheTerminalHolds()
    {
        var builder = ExampleFareTable.Builder();
        builder.Routes.Clear();
        builder.Routes.AddRange(Enumerable.Range(1, FareTableFormat.MaxRoutes + 1).Select(id => new RouteEntry(id, RoutePricing.Flat, 100)));
        Assert.Equal(FareTableStatus.CapacityExceeded, Offer(builder.Build(TestSigning.Sign)));
    }

    [Fact]
    public void AcceptsATableAtEveryCapacity()
    {
        var builder = ExampleFareTable.Builder();
        builder.Languages.Clear();
        builder.Languages.AddRange(Enumerable.Range(0, FareTableFormat.MaxLanguages).Select(i => $"{(char)('a' + i)}z"));
        builder.Routes.Clear();
        builder.Routes.AddRange(Enumerable.Range(1, FareTableFormat.MaxRoutes - 1).Select(id => new RouteEntry(id, RoutePricing.Flat, id)));
        builder.Routes.Add(new RouteEntry(FareTableFormat.MaxRoutes, RoutePricing.Zonal, 0));
        builder.ZoneCount = FareTableFormat.MaxZones;
        builder.ZoneFares.Clear();
        builder.ZoneFares.AddRange(Enumerable.Range(0, FareTableFormat.MaxZones * FareTableFormat.MaxZones));
        builder.Promotions.Clear();
        builder.Promotions.AddRange(Enumerable.Repeat(ExampleFareTable.Builder().Promotions[1], FareTableFormat.MaxPromotions));
        builder.Concessions.Add(new ConcessionEntry(CardType.Senior, ConcessionKind.PercentOff, 30, 500));

        Assert.Equal(FareTableStatus.Loaded, Offer(builder.Build(TestSigning.Sign)));
        var table = store.Current!;
        Assert.Equal(FareTableFormat.MaxRoutes - 1, table.BaseFare(FareTableFormat.MaxRoutes - 1, 0, 0));
        Assert.Equal(FareTableFormat.MaxZones * FareTableFormat.MaxZones - 1, table.BaseFare(FareTableFormat.MaxRoutes, FareTableFormat.MaxZones - 1, FareTableFormat.MaxZones - 1));
        Assert.Equal("hz", table.GetLanguage(FareTableFormat.MaxLanguages - 1));
        Assert.Equal(500, table.DailyCap(CardType.Senior));
    }

    [Property(MaxTest = 300)]
    public Property GarbageIsRefusedAndThePreviousStays(byte[] garbage, bool withMagic)
    {
        var fresh = new FareTableStore(TestSigning.Verifier());
        fresh.Load(SignedExample, 0, SignedExample.Length, ExampleFareTable.T);
        if (withMagic && garbage.Length >= 3)
        {
            garbage[0] = FareTableFormat.Magic0;
            garbage[1] = FareTableFormat.Magic1;
            garbage[2] = FareTableFormat.Version1;
        }

        var status = fresh.Load(garbage, 0, garbage.Length, ExampleFareTable.T);
        return (status != FareTableStatus.Loaded).Label($"status {status}")
            .And(fresh.Current!.Version == 7 && fresh.Current.BaseFare(10, 0, 0) == 250);
    }

    private FareTableStatus Offer(byte[] bytes) => store.Load(bytes, 0, bytes.Length, ExampleFareTable.T);

    private void LoadExample(uint version)
    {
        var builder = ExampleFareTable.Builder();
        builder.Version = version;
        Assert.Equal(FareTableStatus.Loaded, Offer(builder.Build(TestSigning.Sign)));
    }

    private void AssertExampleInForce()
    {
        var table = store.Current!;
        Assert.Equal(7u, table.Version);
        Assert.Equal(250, table.BaseFare(10, 0, 0));
        Assert.Equal(300, table.BaseFare(30, 0, 1));
        Assert.Equal(2, table.PromotionCount);
    }
}
