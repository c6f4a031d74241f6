using Backend.Ingest.Fares;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Terminal.Emulator.Backoffice;
using Terminal.Firmware.Fares;
using Xunit;

namespace Backend.Tests.Fares;

/// <summary>The draft's codec and check: a table read back writes the same bytes; the form round-trips; each refusal is the parser's and names its field.</summary>
public sealed class FareDraftTests
{
    [Property(MaxTest = 200)]
    public Property ATableReadBackWritesTheSameBytesAndTheFormGivesTheSameTable() => Prop.ForAll(
        Gen.Choose(0, 4).SelectMany(zones => Gen.ArrayOf(Gen.Choose(-1000, 1_000_000), zones * zones).Select(fares => (zones, fares))).ToArbitrary(),
        Gen.Choose(0, 20).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 300), n)).ToArbitrary(),
        (matrix, routeFares) =>
        {
            var table = DemoFareTable.Builder(3, 1_767_225_600);
            table.ZoneCount = matrix.zones;
            table.ZoneFares.AddRange(matrix.fares);
            table.Routes.Clear();
            table.Routes.AddRange(routeFares.Select((fare, i) => new RouteEntry(10 + i, RoutePricing.Flat, fare)));
            table.Promotions.Add(new PromotionEntry(1_767_225_600, 1_767_312_000, FareTableFormat.AllRoutes, 1, PromotionKind.PercentOff, 20));
            var bytes = table.BuildUnsigned();
            var errors = new Dictionary<string, string>();
            var fromForm = FareDraftForm.From(FareTableReader.Read(bytes)).TryBuild(table.Version, table.IssuerKeyId, errors);
            return FareTableReader.Read(bytes).BuildUnsigned().SequenceEqual(bytes) && errors.Count == 0 && fromForm!.BuildUnsigned().SequenceEqual(bytes);
        });

    [Fact]
    public void TheDemoTableIsAcceptedWithNoRefusal()
    {
        var verdict = FareDraftCheck.Check(DemoFareTable.Builder(1, 1_767_225_600));
        Assert.True(verdict.Accepted);
        Assert.Empty(verdict.Refusals);
    }

    public static TheoryData<string, Action<FareTableBuilder>> Spoilt => new()
    {
        { FareDraftFields.ValidUntil, t => t.ValidUntil = t.ValidFrom },
        { FareDraftFields.UtcOffset, t => t.UtcOffsetMinutes = 900 },
        { FareDraftFields.TransferWindow, t => t.TransferWindowSeconds = 86_401 },
        { FareDraftFields.OverdraftLimit, t => t.OverdraftLimit = -1 },
        { FareDraftFields.Languages, t => t.Languages[0] = "EN" },
        { FareDraftFields.Route(2), t => t.Routes[2] = t.Routes[2] with { Pricing = RoutePricing.Zonal, Fare = 0 } },
        { FareDraftFields.Route(1), t => t.Routes[1] = t.Routes[0] },
        { FareDraftFields.Concession(CardType.Student), t => t.Concessions[2] = t.Concessions[2] with { Value = 1_000_001 } },
        { FareDraftFields.Promotion(0), t => t.Promotions.Add(new PromotionEntry(100, 100, 1, FareTableFormat.AllCardTypes, PromotionKind.FixedPrice, 100)) },
    };

    [Theory]
    [MemberData(nameof(Spoilt))]
    public void EachValueTheParserRefusesIsNamedAtItsFieldAndTheWholeTableIsRefused(string field, Action<FareTableBuilder> spoil)
    {
        var table = DemoFareTable.Builder(1, 1_767_225_600);
        spoil(table);
        var verdict = FareDraftCheck.Check(table);
        Assert.Equal(FareTableStatus.InvalidValue, verdict.Status);
        Assert.Equal(new[] { field }, verdict.Refusals.Keys);
    }

    [Fact]
    public void AValueThatCannotBeWrittenIsRefusedByTheFormNamingItsField()
    {
        var form = FareDraftForm.From(DemoFareTable.Builder(1, 1_767_225_600));
        form.Routes[0].Fare = "2.505";
        form.Passback = "soon";
        form.ValidFrom = "tomorrow";
        var errors = new Dictionary<string, string>();
        Assert.Null(form.TryBuild(1, 1, errors));
        Assert.Equal(new[] { FareDraftFields.Passback, FareDraftFields.Route(0), FareDraftFields.ValidFrom }, errors.Keys.Order(StringComparer.Ordinal));
    }
}
