namespace Backend.Ingest.Reports;

/// <summary>
/// Boardings and fares of one group of records (a route, a concession, an hour of the day). A boarding is an
/// accepted card tap or QR scan, free rides (capped, transfers) included, less the card writes later found
/// abandoned (the passenger saw "tap again"). Fares are what those records charged, less the abandoned ones. Cents.
/// </summary>
public sealed record RideTotals(
    long Group,
    string Name,
    long CardBoardings,
    long QrBoardings,
    long Boardings,
    long CardFaresCents,
    long QrFaresCents,
    long AbandonedCents,
    long NetFaresCents);
