using Backend.Ingest.Changes;
using Backend.Ingest.Ledger;
using Backend.Ingest.Loads;

namespace Backend.Ingest.Payments;

/// <summary>
/// The ledger of online top-ups (docs/ledger.md, "Online top-ups"), in the change's transaction. The transfers of
/// a payment carry the source key <c>payment:{id}</c> (leg 0 the credit, 1 the reversal, 2 a loss written off), a
/// card top-up's those of its pending load, and a provider's fee <c>fee:{id}</c>: each posts once, whatever retries.
/// </summary>
internal static class PaymentLedger
{
    private const int CreditLeg = 0;
    private const int ReversalLeg = 1;
    private const int LossLeg = 2;

    public static string SourceKey(string paymentId) => "payment:" + paymentId;

    public static string FeeSourceKey(string paymentId) => "fee:" + paymentId;

    /// <summary>
    /// The paid money reaches its target: an account is credited at once; a card gets a pending load the fleet
    /// writes at its next tap, expiring at <paramref name="loadExpiry"/>.
    /// </summary>
    public static async Task CreditAsync(ChangeContext change, PaymentRecord payment, DateTimeOffset loadExpiry, CancellationToken cancellation)
    {
        if (payment.Target == PaymentRecord.AccountTarget)
        {
            await LedgerTransferWriter.PostAsync(change,
                new LedgerPosting("top_up", LedgerAccounts.ClearingPayments, LedgerAccounts.Account(payment.AccountId!.Value), payment.Amount),
                SourceKey(payment.PaymentId), CreditLeg, cancellation);
            return;
        }

        await PendingLoads.CreateAsync(change, payment.CardUid!, payment.Amount, LedgerAccounts.ClearingPayments, payment.PaymentId,
            loadExpiry, $"online top-up {payment.PaymentId}", cancellation);
    }

    /// <summary>
    /// Takes the value of a paid top-up back for a refund: an account's up to its balance now, a card's only while
    /// its load is pending. The amount reversed, or the reason nothing can be.
    /// </summary>
    public static async Task<Reversal> ReverseAsync(ChangeContext change, PaymentRecord payment, string why, CancellationToken cancellation)
    {
        if (payment.Target == PaymentRecord.AccountTarget)
        {
            var account = LedgerAccounts.Account(payment.AccountId!.Value);
            var balance = await LedgerQueries.BalanceAsync(change.Connection, change.Transaction, account, cancellation);
            var amount = Math.Min(payment.Amount, balance);
            if (amount <= 0)
            {
                return new Reversal(0, $"account {payment.AccountId} has no balance left to refund (it is {balance} cents): the top-up was spent on rides");
            }

            await LedgerTransferWriter.PostAsync(change, new LedgerPosting("top_up_refund", account, LedgerAccounts.ClearingPayments, amount),
                SourceKey(payment.PaymentId), ReversalLeg, cancellation);
            return new Reversal(amount, null);
        }

        var load = await PendingLoads.ReadForPaymentAsync(change, payment.PaymentId, cancellation);
        if (load is null || !await PendingLoads.WithdrawAsync(change, load.LoadId, why, cancellation))
        {
            return new Reversal(0, load is null
                ? $"payment {payment.PaymentId} has no pending load"
                : $"its load {load.LoadId} is {load.Status}{(load.AppliedTerminal is { } terminal ? $" (written to card {load.CardUid} by terminal {terminal})" : "")}: the value is on the card now, refund it at a desk");
        }

        return new Reversal(payment.Amount, null);
    }

    /// <summary>
    /// What the provider paid back but the passenger keeps (a refund made at the provider after the value was spent or
    /// picked up): the operator's loss, so that clearing:payments still matches what the provider holds.
    /// </summary>
    public static Task WriteOffAsync(ChangeContext change, string paymentId, long amount, CancellationToken cancellation) =>
        LedgerTransferWriter.PostAsync(change, new LedgerPosting("write_off", LedgerAccounts.WriteOff, LedgerAccounts.ClearingPayments, amount),
            SourceKey(paymentId), LossLeg, cancellation);

    /// <summary>The provider's fee on a payment, from its payout report.</summary>
    public static Task PostFeeAsync(ChangeContext change, string paymentId, long fee, CancellationToken cancellation) =>
        LedgerTransferWriter.PostAsync(change, new LedgerPosting("payment_fee", LedgerAccounts.PaymentFees, LedgerAccounts.ClearingPayments, fee),
            FeeSourceKey(paymentId), 0, cancellation);

    /// <summary>Cents reversed, or why none could be (<see cref="Refusal"/>).</summary>
    public sealed record Reversal(long Amount, string? Refusal);
}
