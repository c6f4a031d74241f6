namespace Backend.Ingest.Reports;

/// <summary>
/// One day of money in and out of passengers' value, from the ledger: top-ups (issue and load transfers) paid in
/// cash or by payment, refunds paid out at a desk, QR daily-cap refunds, manual adjustments each way and
/// write-offs. Counts of transfers, amounts in cents.
/// </summary>
public sealed record TopUpRefundDay(
    DateOnly Day,
    long TopUps,
    long CashTopUpsCents,
    long PaymentTopUpsCents,
    long Refunds,
    long RefundsCents,
    long CapRefundsCents,
    long AdjustmentsInCents,
    long AdjustmentsOutCents,
    long WriteOffsCents);
