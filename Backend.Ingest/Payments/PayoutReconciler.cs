using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;

namespace Backend.Ingest.Payments;

/// <summary>Matches a payout report (<see cref="PayoutReportCsv"/>) against <c>payments</c>, and books its fees.</summary>
internal static class PayoutReconciler
{
    public static async Task<(PayoutReconciliation Result, IReadOnlyList<(string PaymentId, long Fee)> Fees)> ReconcileAsync(
        DbDataSource dataSource, string provider, IReadOnlyList<PayoutLine> lines, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellation)
    {
        var unmatchedReport = new List<PayoutLine>();
        var mismatches = new List<PayoutMismatch>();
        var fees = new List<(string, long)>();
        var charged = new HashSet<string>();
        var refundsMatched = 0;
        foreach (var line in lines)
        {
            var payment = line.PaymentId is { } id ? await PaymentStore.FindAsync(dataSource, id, cancellation) : null;
            if (payment is null || payment.Provider != provider)
            {
                unmatchedReport.Add(line);
                continue;
            }

            var difference = Difference(line, payment);
            if (difference is not null)
            {
                mismatches.Add(new PayoutMismatch(payment.PaymentId, line, difference));
            }
            else if (line.Type == PayoutLine.Charge)
            {
                charged.Add(payment.PaymentId);
                fees.Add((payment.PaymentId, line.Fee));
            }
            else
            {
                refundsMatched++;
            }
        }

        var unmatchedPayments = (await PaymentStore.TakenBetweenAsync(dataSource, provider, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), cancellation))
            .Where(p => !charged.Contains(p.PaymentId) && !mismatches.Any(m => m.PaymentId == p.PaymentId))
            .Select(p => new UnmatchedPayment(p.PaymentId, p.Amount, p.Status, p.PaidAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null))
            .ToArray();
        var result = new PayoutReconciliation(from, to, provider, charged.Count, refundsMatched, unmatchedReport, unmatchedPayments, mismatches,
            lines.Where(l => l.Type == PayoutLine.Charge).Sum(l => l.Gross), lines.Sum(l => l.Fee),
            -lines.Where(l => l.Type == PayoutLine.Refund).Sum(l => l.Gross), lines.Sum(l => l.Net),
            await FeesBookedAsync(dataSource, fees.Select(f => f.Item1).ToArray(), cancellation));
        return (result, fees);
    }

    /// <summary>Books each fee not yet booked; how many it booked and their total.</summary>
    public static async Task<(int Count, long Amount)> BookFeesAsync(ChangeContext change, IReadOnlyList<(string PaymentId, long Fee)> fees, CancellationToken cancellation)
    {
        var (count, amount) = (0, 0L);
        foreach (var (paymentId, fee) in fees.Where(f => f.Fee > 0))
        {
            await using var booked = change.Command("select count(*) from ledger_transfers where source_key = @key");
            booked.With("key", PaymentLedger.FeeSourceKey(paymentId));
            if (Convert.ToInt64(await booked.ExecuteScalarAsync(cancellation)) > 0)
            {
                continue;
            }

            await PaymentLedger.PostFeeAsync(change, paymentId, fee, cancellation);
            (count, amount) = (count + 1, amount + fee);
        }

        return (count, amount);
    }

    private static string? Difference(PayoutLine line, PaymentRecord payment)
    {
        if (line.Type == PayoutLine.Charge)
        {
            return !PaymentStatuses.Taken(payment.Status) ? $"the provider charged it, we have it {payment.Status}"
                : line.Gross != payment.Amount ? $"the provider charged {line.Gross} cents, we took {payment.Amount}"
                : null;
        }

        return payment.Status is not (PaymentStatuses.Refunding or PaymentStatuses.Refunded) ? $"the provider refunded it, we have it {payment.Status}"
            : -line.Gross != payment.RefundAmount ? $"the provider refunded {-line.Gross} cents, we refunded {payment.RefundAmount}"
            : null;
    }

    private static async Task<long> FeesBookedAsync(DbDataSource dataSource, IReadOnlyList<string> paymentIds, CancellationToken cancellation)
    {
        var total = 0L;
        foreach (var id in paymentIds)
        {
            await using var command = dataSource.CreateCommand("select coalesce(sum(amount), 0) from ledger_transfers where source_key = @key");
            command.With("key", PaymentLedger.FeeSourceKey(id));
            total += Convert.ToInt64(await command.ExecuteScalarAsync(cancellation));
        }

        return total;
    }
}
