using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Loads;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Payments;

/// <summary>
/// Pays refunds out through the provider, in the background: a refund is decided (and its value reversed in the
/// ledger) by a change, and sent afterwards, so no database transaction waits on the provider. Each pass
/// <list type="number">
/// <item>decides the refund of every paid card top-up whose load expired unclaimed (the loads engineer's expiry has
/// already moved its value back to clearing:payments), once per load as the change <c>expiry:{load id}</c>;</item>
/// <item>sends every decided refund the provider has not accepted yet, under the provider idempotency key
/// <c>refund:{payment id}</c>, so a retry after a lost answer never pays twice; a refusal is kept on the payment
/// (<c>refund_error</c>) and retried at the next pass.</item>
/// </list>
/// </summary>
public sealed class PaymentRefundService(
    DbDataSource dataSource, ChangeRunner runner, IPaymentProvider provider, PaymentCounters counters,
    IOptions<PaymentOptions> options, ILogger<PaymentRefundService> log) : BackgroundService
{
    public const string ExpiredLoadReason = "the card never picked up its top-up before the load expired";

    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Runs a pass soon, e.g. after a refund was decided.</summary>
    public void Wake() => _wake.Release();

    public async Task RunOnceAsync(CancellationToken cancellation)
    {
        foreach (var (loadId, paymentId) in await ExpiredUnrefundedAsync(cancellation))
        {
            await runner.RunAsync(new ChangeRequest($"expiry:{loadId}", "payment.refund-expired-load", "payments", paymentId), async change =>
            {
                if (await PaymentStore.LockAsync(change, paymentId, cancellation) is not { Status: PaymentStatuses.Paid } payment)
                {
                    return new ChangeResult(StatusCodes.Status200OK, new { loadId, paymentId, refund = false });
                }

                await PaymentStore.MarkRefundingAsync(change, paymentId, payment.Amount, ExpiredLoadReason, cancellation);
                await change.AuditAsync("payment.refund", PaymentLedger.SourceKey(paymentId), ExpiredLoadReason, PendingLoads.SourceKey(loadId), cancellation);
                return new ChangeResult(StatusCodes.Status200OK, new { loadId, paymentId, refund = true });
            }, cancellation);
        }

        foreach (var payment in await PaymentStore.RefundsToSendAsync(dataSource, cancellation))
        {
            await SendAsync(payment, cancellation);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.RefundPassSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbException or TimeoutException)
            {
                log.LogWarning(e, "Refund pass failed; retrying in {Interval}", interval);
            }

            try
            {
                await _wake.WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SendAsync(PaymentRecord payment, CancellationToken cancellation)
    {
        string refundId;
        try
        {
            if (payment.ProviderPaymentRef is null)
            {
                throw new InvalidOperationException($"payment {payment.PaymentId} has no provider payment reference to refund");
            }

            refundId = await provider.RefundAsync(payment.ProviderPaymentRef, payment.PaymentId, payment.RefundAmount!.Value,
                "refund:" + payment.PaymentId, cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            counters.RefundError();
            log.LogWarning("Refund of payment {PaymentId} not accepted by {Provider}: {Error}; retried at the next pass",
                payment.PaymentId, provider.Name, e.Message);
            await PaymentStore.RecordRefundErrorAsync(dataSource, payment.PaymentId, e.Message, cancellation);
            return;
        }

        await runner.RunAsync(new ChangeRequest($"refund-sent:{payment.PaymentId}", "payment.refund-sent", "payments", refundId), async change =>
        {
            await PaymentStore.MarkRefundSentAsync(change, payment.PaymentId, refundId, confirmed: false, cancellation);
            await change.AuditAsync("payment.refund-sent", PaymentLedger.SourceKey(payment.PaymentId), null, refundId, cancellation);
            return new ChangeResult(StatusCodes.Status200OK, new { payment.PaymentId, refundId });
        }, cancellation);
        counters.RefundSent();
    }

    private async Task<IReadOnlyList<(long LoadId, string PaymentId)>> ExpiredUnrefundedAsync(CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand("""
            select l.load_id, l.payment_id from pending_loads l join payments p on p.payment_id = l.payment_id
            where l.status = @expired and p.status = @paid
            order by l.load_id
            """);
        command.With("expired", PendingLoadStatuses.Expired).With("paid", PaymentStatuses.Paid);
        var found = new List<(long, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            found.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return found;
    }
}
