using System.Text.Json;
using Backend.Ingest.Payments;

namespace Backend.Tests.Payments;

/// <summary>Webhook bodies in Stripe's envelope, as the sandbox sends them, for tests that deliver events themselves.</summary>
internal static class SandboxEvents
{
    public static string Completed(string paymentId, long amount, string eventId = "", string paymentRef = "pi_test_1") => Event(eventId, WebhookEvent.CheckoutCompleted, new
    {
        id = "cs_test_" + paymentId,
        @object = "checkout.session",
        amount_total = amount,
        currency = "eur",
        client_reference_id = paymentId,
        metadata = new Dictionary<string, string> { ["payment_id"] = paymentId },
        payment_intent = paymentRef,
        payment_status = "paid",
        status = "complete",
    });

    public static string Refunded(string paymentId, long amount, string eventId = "", string paymentRef = "pi_test_1") => Event(eventId, WebhookEvent.ChargeRefunded, new
    {
        id = "ch_test_" + paymentId,
        @object = "charge",
        amount,
        amount_refunded = amount,
        currency = "eur",
        payment_intent = paymentRef,
        refunded = true,
        metadata = new Dictionary<string, string> { ["payment_id"] = paymentId },
        refunds = new { @object = "list", data = new[] { new { id = "re_test_" + paymentId, @object = "refund", amount, payment_intent = paymentRef, status = "succeeded" } } },
    });

    public static string Event(string eventId, string type, object data) => JsonSerializer.Serialize(new
    {
        id = eventId.Length > 0 ? eventId : "evt_test_" + Guid.NewGuid().ToString("N"),
        @object = "event",
        api_version = "2025-01-01.sandbox",
        created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        livemode = false,
        type,
        data = new { @object = data },
    });
}
