namespace Backend.Ingest.Payments;

/// <summary>
/// A payment platform: it hosts the checkout page (no card number ever reaches this backend), tells us what happened
/// through signed webhook events, pays refunds back and reports what it paid out. Implemented by Stripe (production)
/// and the in-process sandbox; both sign their events with Stripe's scheme, checked by <see cref="WebhookVerifier"/>.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>The name in the webhook route and in <c>payments.provider</c>.</summary>
    string Name { get; }

    /// <summary>The secret its webhook events are signed with.</summary>
    string WebhookSecret { get; }

    /// <summary>
    /// A checkout session for the payment; the same <see cref="CheckoutRequest.IdempotencyKey"/> gives the same
    /// session again, so a retry after a lost answer does not open a second one.
    /// </summary>
    Task<CheckoutSession> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellation);

    /// <summary>Pays <paramref name="amount"/> cents of the payment back to the payer, once per idempotency key; the provider's refund id.</summary>
    Task<string> RefundAsync(string paymentRef, string paymentId, long amount, string idempotencyKey, CancellationToken cancellation);

    /// <summary>
    /// What the provider settled between the two times, as its payout report CSV (<see cref="PayoutReportCsv"/>): one
    /// line per charge and refund, with its fee.
    /// </summary>
    Task<string> PayoutReportAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellation);
}

/// <summary>What to charge for: our payment id (carried in the session's metadata), cents, currency, and where to return.</summary>
public sealed record CheckoutRequest(string PaymentId, long Amount, string Currency, string Description, string? ReturnUrl, string IdempotencyKey);

/// <summary>The provider's session: its id, the page the payer opens, and when it lapses unpaid.</summary>
public sealed record CheckoutSession(string SessionId, string Url, DateTimeOffset ExpiresAt);

/// <summary>
/// One line of a provider's payout report: a charge (gross &gt; 0) or a refund (gross &lt; 0), the fee it kept and
/// the net paid out, in cents, with our payment id when the provider carried it.
/// </summary>
public sealed record PayoutLine(string Type, string? PaymentId, string? PaymentRef, long Gross, long Fee, long Net, DateTimeOffset At)
{
    public const string Charge = "charge";
    public const string Refund = "refund";
}
