using Backend.Ingest.Fares;
using Terminal.Firmware.Fares;

namespace Terminal.Emulator.Backoffice;

/// <summary>The fare table the emulator's buses run on: flat city routes, concessions, a daily cap, transfers, passback and an overdraft.</summary>
public static class DemoFareTable
{
    public static readonly int[] Routes = [1, 2, 3, 4];

    public const int AdultFare = 250;
    public const int PassbackSeconds = 120;

    /// <summary>The adult fare of a route: flat 2.50, the airport line (route 4) 4.00.</summary>
    public static int FareOf(int route) => route == 4 ? 400 : AdultFare;

    public static byte[] Signed(BackendSigningKey key, long validFrom) => Builder(key, validFrom).Build(key.Sign);

    public static FareTableBuilder Builder(BackendSigningKey key, long validFrom) => Builder(key.KeyId, validFrom);

    public static FareTableBuilder Builder(int issuerKeyId, long validFrom)
    {
        var builder = new FareTableBuilder
        {
            Version = 1,
            ValidFrom = validFrom,
            ValidUntil = validFrom + 366L * 86400,
            IssuerKeyId = issuerKeyId,
            ServiceDayStartMinutes = 180,
            MaxTransfers = 2,
            TransferWindowSeconds = 3600,
            PassbackSeconds = PassbackSeconds,
            OverdraftMinBalance = 10,
            OverdraftLimit = 300,
        };
        builder.Routes.AddRange(Routes.Select(route => new RouteEntry(route, RoutePricing.Flat, FareOf(route))));
        builder.Concessions.AddRange([
            new ConcessionEntry(CardType.Adult, ConcessionKind.None, 0, 700),
            new ConcessionEntry(CardType.Child, ConcessionKind.PercentOff, 50, 350),
            new ConcessionEntry(CardType.Student, ConcessionKind.AmountOff, 100, 500),
            new ConcessionEntry(CardType.Senior, ConcessionKind.PercentOff, 50, 350),
            new ConcessionEntry(CardType.Staff, ConcessionKind.Free, 0, 0),
        ]);
        return builder;
    }
}
