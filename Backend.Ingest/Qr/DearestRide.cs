using Terminal.Firmware.Fares;

namespace Backend.Ingest.Qr;

/// <summary>
/// What one ride can cost a QR token's holder: the dearest fare of the table in force, over every route and zone pair,
/// after the token's concession. The terminal prices the token at the route it runs, which issuance cannot know, so
/// an account must hold at least this much for a token. Promotions are left out: they only ever lower a fare.
/// </summary>
public static class DearestRide
{
    /// <summary>Cents; 0 without a fare table (then no terminal can price a ride at all).</summary>
    public static long Of(byte[]? signedTable, CardType concession)
    {
        if (signedTable is null)
        {
            return 0;
        }

        var table = new FareTable();
        if (FareTableParser.Parse(signedTable, 0, signedTable.Length, table) != FareTableStatus.Loaded)
        {
            throw new InvalidOperationException("The fare table in force does not parse.");
        }

        long dearest = 0;
        int zones = Math.Max(table.ZoneCount, 1);
        for (int route = 0; route < table.RouteCount; route++)
        {
            for (int origin = 0; origin < zones; origin++)
            {
                for (int destination = 0; destination < zones; destination++)
                {
                    int fare = table.RouteFare(route, origin, destination);
                    dearest = Math.Max(dearest, fare < 0 ? 0 : table.ConcessionFare(concession, fare));
                }
            }
        }

        return dearest;
    }
}
