namespace Backend.Ingest.Reports;

/// <summary>
/// One day of fare revenue as the ledger has it (transfers to and from <c>revenue:fares</c>): card and QR fares
/// charged, fares given back (card writes abandoned, QR daily-cap refunds), and what remains. Amounts in cents.
/// </summary>
public sealed record RevenueDay(
    DateOnly Day,
    long CardFares,
    long CardFaresCents,
    long QrFares,
    long QrFaresCents,
    long GivenBackCents,
    long NetRevenueCents);
