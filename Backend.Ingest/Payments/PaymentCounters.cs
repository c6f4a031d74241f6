using System.Diagnostics.Metrics;

namespace Backend.Ingest.Payments;

/// <summary>
/// What the payment webhooks and refunds did since the start, for GET /api/payments/counters: deliveries received,
/// events applied, redeliveries answered from memory, deliveries refused (forged, stale or malformed), top-ups credited,
/// refunds sent to the provider and the provider's refusals of them; also as observable counters of the Meter
/// "BusFare.Payments" (names busfare.payments.*) read from the same fields.
/// </summary>
public sealed class PaymentCounters
{
    public const string MeterName = "BusFare.Payments";

    private long _deliveries;
    private long _applied;
    private long _redelivered;
    private long _rejected;
    private long _credits;
    private long _refundsSent;
    private long _refundErrors;

    public PaymentCounters(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("busfare.payments.webhook_deliveries", () => Interlocked.Read(ref _deliveries), "{delivery}", "Webhook deliveries received");
        meter.CreateObservableCounter("busfare.payments.webhook_rejected", () => Interlocked.Read(ref _rejected), "{delivery}", "Webhook deliveries refused (forged, stale or malformed)");
        meter.CreateObservableCounter("busfare.payments.webhook_credits", () => Interlocked.Read(ref _credits), "{top-up}", "Top-ups credited from webhooks");
        meter.CreateObservableCounter("busfare.payments.refunds_sent", () => Interlocked.Read(ref _refundsSent), "{refund}", "Refunds sent to the provider");
        meter.CreateObservableCounter("busfare.payments.refund_errors", () => Interlocked.Read(ref _refundErrors), "{refund}", "Refunds the provider refused or failed");
    }

    public void Delivery() => Interlocked.Increment(ref _deliveries);

    public void Applied() => Interlocked.Increment(ref _applied);

    public void Redelivered() => Interlocked.Increment(ref _redelivered);

    public void Rejected() => Interlocked.Increment(ref _rejected);

    public void Credit() => Interlocked.Increment(ref _credits);

    public void RefundSent() => Interlocked.Increment(ref _refundsSent);

    public void RefundError() => Interlocked.Increment(ref _refundErrors);

    public PaymentCountersSnapshot Snapshot() => new(
        Interlocked.Read(ref _deliveries), Interlocked.Read(ref _applied), Interlocked.Read(ref _redelivered),
        Interlocked.Read(ref _rejected), Interlocked.Read(ref _credits), Interlocked.Read(ref _refundsSent), Interlocked.Read(ref _refundErrors));
}

public sealed record PaymentCountersSnapshot(
    long WebhookDeliveries, long WebhookEventsApplied, long WebhookRedeliveries, long WebhookRejected, long WebhookCredits,
    long RefundsSent, long RefundErrors);
