using System.Text;
using System.Text.Json;
using Backend.Ingest.Changes;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Payments;

/// <summary>
/// POST /api/payments/webhooks/{provider}: a provider tells us what happened to a checkout or a refund. Its security
/// is the signature (<see cref="WebhookVerifier"/>): a forged, stale or malformed delivery is answered 400, logged,
/// counted and changes nothing. A genuine event runs once, as a change under the key <c>webhook:{provider}:{event id}</c>
/// (<c>payment_events</c> holds each event once too): a redelivery gets the first answer again. Events may arrive in
/// any order; each rule below leaves the payment in the state the provider's facts imply.
/// </summary>
public sealed class PaymentWebhooks(
    IPaymentProvider provider, ChangeRunner runner, PaymentCounters counters, IOptions<PaymentOptions> options,
    TimeProvider clock, ILogger<PaymentWebhooks> log)
{
    /// <summary>Larger than any event we act on; a bigger body is refused unread.</summary>
    private const int MaxBodyBytes = 256 * 1024;

    public async Task<IResult> ReceiveAsync(HttpContext http, string providerName, CancellationToken cancellation)
    {
        counters.Delivery();
        if (providerName != provider.Name)
        {
            counters.Rejected();
            log.LogWarning("Webhook refused: no provider {Provider} (this backend takes payments through {Configured})", providerName, provider.Name);
            return TypedResults.Problem(title: "Unknown payment provider.",
                detail: $"This backend takes payments through '{provider.Name}', not '{providerName}'.", statusCode: StatusCodes.Status404NotFound);
        }

        WebhookEvent received;
        try
        {
            var body = await ReadBodyAsync(http.Request, cancellation);
            received = WebhookVerifier.Verify(body, http.Request.Headers[WebhookVerifier.SignatureHeader].ToString(), provider.WebhookSecret, clock.GetUtcNow());
        }
        catch (WebhookRejectedException refused)
        {
            counters.Rejected();
            log.LogWarning("Webhook from {Provider} refused from {Address}: {Reason}", providerName, http.Connection.RemoteIpAddress, refused.Message);
            return TypedResults.Problem(title: "The webhook delivery was refused.", detail: refused.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        var request = new ChangeRequest($"webhook:{provider.Name}:{received.EventId}", "payment.webhook", $"provider:{provider.Name}",
            received.EventId + "|" + received.Type);
        var outcome = await runner.RunAsync(request, change => ApplyAsync(change, received, cancellation), cancellation);
        if (outcome.Replayed)
        {
            counters.Redelivered();
        }

        return outcome.ToHttpResult(http);
    }

    private async Task<ChangeResult> ApplyAsync(ChangeContext change, WebhookEvent received, CancellationToken cancellation)
    {
        if (!await PaymentStore.ClaimEventAsync(change, provider.Name, received, cancellation))
        {
            return Answer(received, null, "redelivered");
        }

        var paymentId = received.PaymentId ?? await PaymentStore.FindIdByProviderAsync(change, provider.Name, received.SessionId, received.PaymentRef, cancellation);
        var payment = paymentId is null ? null : await PaymentStore.LockAsync(change, paymentId, cancellation);
        if (payment is not null && payment.Provider != provider.Name)
        {
            // A provider speaks only for the payments it took: another's event naming one of them is not a fact about it.
            payment = null;
        }

        var outcome = (received.Type, payment) switch
        {
            (WebhookEvent.CheckoutCompleted or WebhookEvent.CheckoutExpired or WebhookEvent.ChargeRefunded, null) => "unmatched",
            (WebhookEvent.CheckoutCompleted, { } paid) => await PaidAsync(change, paid, received, cancellation),
            (WebhookEvent.CheckoutExpired, { } lapsed) => await ExpiredAsync(change, lapsed, cancellation),
            (WebhookEvent.ChargeRefunded, { } refunded) => await RefundedAsync(change, refunded, received, cancellation),
            _ => "ignored",
        };
        if (outcome == "unmatched")
        {
            log.LogWarning("Webhook {EventId} ({Type}) from {Provider} names no payment of ours (payment {PaymentId}, session {SessionId})",
                received.EventId, received.Type, provider.Name, received.PaymentId, received.SessionId);
        }

        await PaymentStore.SettleEventAsync(change, provider.Name, received.EventId, payment?.PaymentId, outcome, cancellation);
        counters.Applied();
        return Answer(received, payment?.PaymentId, outcome);
    }

    /// <summary>The payer paid: the money reaches its target once, even if the checkout had lapsed meanwhile (the money is real).</summary>
    private async Task<string> PaidAsync(ChangeContext change, PaymentRecord payment, WebhookEvent received, CancellationToken cancellation)
    {
        if (PaymentStatuses.Taken(payment.Status))
        {
            return "already_paid";
        }

        await CreditAsync(change, payment, received, cancellation);
        return payment.Status == PaymentStatuses.Expired ? "paid_after_expiry" : "paid";
    }

    /// <summary>The checkout lapsed unpaid; a lapse reported after the payment changes nothing.</summary>
    private async Task<string> ExpiredAsync(ChangeContext change, PaymentRecord payment, CancellationToken cancellation)
    {
        if (payment.Status != PaymentStatuses.Open)
        {
            return "ignored_late_expiry";
        }

        await PaymentStore.MarkExpiredAsync(change, payment.PaymentId, cancellation);
        await change.AuditAsync("payment.expire", PaymentLedger.SourceKey(payment.PaymentId), "the checkout lapsed unpaid", null, cancellation);
        return "expired";
    }

    /// <summary>
    /// The provider paid money back. The refund we asked for is confirmed. One made at the provider (its dashboard)
    /// is reversed as ours would be, the part already spent or picked up written off; one reported before the payment
    /// itself (out of order) credits first, so both facts are in the ledger.
    /// </summary>
    private async Task<string> RefundedAsync(ChangeContext change, PaymentRecord payment, WebhookEvent received, CancellationToken cancellation)
    {
        switch (payment.Status)
        {
            case PaymentStatuses.Refunded:
                return "already_refunded";
            case PaymentStatuses.Refunding:
                await PaymentStore.MarkRefundSentAsync(change, payment.PaymentId, received.RefundId, confirmed: true, cancellation);
                await change.AuditAsync("payment.refunded", PaymentLedger.SourceKey(payment.PaymentId), "the provider confirmed the refund", received.RefundId, cancellation);
                return "refund_confirmed";
        }

        var creditedNow = !PaymentStatuses.Taken(payment.Status);
        if (creditedNow)
        {
            await CreditAsync(change, payment, received, cancellation);
        }

        var refunded = Math.Clamp(received.RefundedAmount ?? payment.Amount, 1, payment.Amount);
        var reason = "refunded at the provider";
        var reversal = await PaymentLedger.ReverseAsync(change, payment, reason, cancellation);
        var lost = refunded - Math.Min(reversal.Amount, refunded);
        if (lost > 0)
        {
            await PaymentLedger.WriteOffAsync(change, payment.PaymentId, lost, cancellation);
            log.LogWarning("Payment {PaymentId}: the provider refunded {Lost} cents the passenger had already used ({Why}); written off",
                payment.PaymentId, lost, reversal.Refusal);
        }

        await PaymentStore.MarkRefundingAsync(change, payment.PaymentId, refunded, reason, cancellation);
        await PaymentStore.MarkRefundSentAsync(change, payment.PaymentId, received.RefundId ?? received.EventId, confirmed: true, cancellation);
        await change.AuditAsync("payment.refunded", PaymentLedger.SourceKey(payment.PaymentId), reason,
            JsonSerializer.Serialize(new { refunded, reversed = Math.Min(reversal.Amount, refunded), writtenOff = lost }), cancellation);
        return creditedNow ? "paid_and_refunded" : "refunded_at_provider";
    }

    private async Task CreditAsync(ChangeContext change, PaymentRecord payment, WebhookEvent received, CancellationToken cancellation)
    {
        var expiry = DateTimeOffset.FromUnixTimeMilliseconds(change.Now).AddDays(options.Value.LoadExpiryDays);
        await PaymentLedger.CreditAsync(change, payment, expiry, cancellation);
        await PaymentStore.MarkPaidAsync(change, payment.PaymentId, received.PaymentRef, cancellation);
        await change.AuditAsync("payment.paid", PaymentLedger.SourceKey(payment.PaymentId), null,
            JsonSerializer.Serialize(new { payment.Amount, payment.Target, payment.CardUid, payment.AccountId, received.EventId }), cancellation);
        counters.Credit();
    }

    private static ChangeResult Answer(WebhookEvent received, string? paymentId, string outcome) =>
        new(StatusCodes.Status200OK, new { received = received.EventId, type = received.Type, paymentId, outcome });

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellation)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw new WebhookRejectedException($"the body is over {MaxBodyBytes} bytes");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new WebhookRejectedException($"the body is over {MaxBodyBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            // Strict UTF-8: the signature is over the exact bytes, and a body that is not text is not an event.
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException e)
        {
            throw new WebhookRejectedException("the body is not UTF-8 text", e);
        }
    }
}
