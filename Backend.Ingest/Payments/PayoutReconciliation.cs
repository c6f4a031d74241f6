namespace Backend.Ingest.Payments;

/// <summary>
/// The provider's payout report for a period against our payments: lines and payments matched, what only the
/// provider has (<see cref="UnmatchedReport"/>), what only we have (<see cref="UnmatchedPayments"/>: taken in the
/// period, no charge in the report), lines that name our payment with another amount or state (<see cref="Mismatches"/>),
/// the report's totals in cents, and the fees already booked in the ledger.
/// </summary>
public sealed record PayoutReconciliation(
    DateTimeOffset From,
    DateTimeOffset To,
    string Provider,
    int ChargesMatched,
    int RefundsMatched,
    IReadOnlyList<PayoutLine> UnmatchedReport,
    IReadOnlyList<UnmatchedPayment> UnmatchedPayments,
    IReadOnlyList<PayoutMismatch> Mismatches,
    long Gross,
    long Fees,
    long Refunds,
    long Net,
    long FeesBooked)
{
    public bool Balanced => UnmatchedReport.Count == 0 && UnmatchedPayments.Count == 0 && Mismatches.Count == 0;
}

/// <summary>A payment we took that the provider's report does not show.</summary>
public sealed record UnmatchedPayment(string PaymentId, long Amount, string Status, DateTimeOffset? PaidAt);

/// <summary>A report line naming our payment, and how the two differ.</summary>
public sealed record PayoutMismatch(string PaymentId, PayoutLine Line, string Difference);
