using Backend.Ingest.Fares;
using Terminal.Firmware.Fares;

namespace Terminal.Tests.Fares;

/// <summary>The example table of docs/fares.md, which its test vectors price against.</summary>
public static class ExampleFareTable
{
    /// <summary>2026-03-02 07:00 UTC, 08:00 local (UTC+01:00): a Monday morning in service day D.</summary>
    public const long T = 1772434800;

    /// <summary>2026-06-01 10:00 UTC: during both promotions.</summary>
    public const long P = 1780308000;

    public const long ValidFrom = 1767225600;
    public const long ValidUntil = 1798761600;

    public static FareTableBuilder Builder()
    {
        var builder = new FareTableBuilder
        {
            Version = 7,
            ValidFrom = ValidFrom,
            ValidUntil = ValidUntil,
            IssuerKeyId = TestSigning.KeyId,
            UtcOffsetMinutes = 60,
            ServiceDayStartMinutes = 180,
            MaxTransfers = 2,
            TransferWindowSeconds = 3600,
            PassbackSeconds = 60,
            OverdraftMinBalance = 10,
            OverdraftLimit = 500,
            ZoneCount = 2,
        };
        builder.Languages.Add("fr");
        builder.Routes.AddRange([
            new RouteEntry(10, RoutePricing.Flat, 250),
            new RouteEntry(20, RoutePricing.Flat, 400),
            new RouteEntry(30, RoutePricing.Zonal, 0),
        ]);
        builder.ZoneFares.AddRange([200, 300, 300, 200]);
        builder.Concessions.AddRange([
            new ConcessionEntry(CardType.Adult, ConcessionKind.None, 0, 800),
            new ConcessionEntry(CardType.Child, ConcessionKind.PercentOff, 50, 400),
            new ConcessionEntry(CardType.Student, ConcessionKind.AmountOff, 100, 600),
            new ConcessionEntry(CardType.Staff, ConcessionKind.Free, 0, 0),
        ]);
        builder.Promotions.AddRange([
            new PromotionEntry(1780272000, 1780358400, FareTableFormat.AllRoutes, FareTableFormat.AllCardTypes, PromotionKind.FixedPrice, 100),
            new PromotionEntry(1780272000, 1782864000, 20, FareTableFormat.AllCardTypes, PromotionKind.AmountOff, 150),
        ]);
        return builder;
    }

    public static byte[] Signed() => Builder().Build(TestSigning.Sign);

    public static FareTable Load()
    {
        var store = new FareTableStore(TestSigning.Verifier());
        var bytes = Signed();
        var status = store.Load(bytes, 0, bytes.Length, ExampleFareTable.T);
        if (status != FareTableStatus.Loaded)
        {
            throw new InvalidOperationException($"The example table was refused: {status}.");
        }

        return store.Current!;
    }
}
