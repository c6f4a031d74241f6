namespace Backend.Ingest.Payments;

/// <summary>
/// A verified webhook event, reduced to what the payment rules need: the provider's event id (unique, the key of its
/// deliveries), its type, our payment id (from the metadata we gave the provider), the checkout session, the
/// provider's payment reference (what a refund names) and, for a refund, its id and amount.
/// </summary>
public sealed record WebhookEvent(
    string EventId,
    string Type,
    string? PaymentId,
    string? SessionId,
    string? PaymentRef,
    string? RefundId,
    long? RefundedAmount)
{
    public const string CheckoutCompleted = "checkout.session.completed";
    public const string CheckoutExpired = "checkout.session.expired";
    public const string ChargeRefunded = "charge.refunded";

    /// <summary>The metadata key under which the provider carries our payment id.</summary>
    public const string PaymentIdKey = "payment_id";
}
