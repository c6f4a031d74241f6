using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace Backend.Ingest.Payments.Stripe;

/// <summary>
/// Stripe, through Stripe.net: a hosted Checkout Session per top-up (Stripe's page takes the card; we never see
/// it), refunds of the session's payment intent, and the payout report from the balance transactions. Our payment
/// id travels in the session's and the payment intent's metadata (<c>payment_id</c>), so every event and balance
/// transaction names it. Each call carries an idempotency key, so a retry never opens or refunds twice.
/// </summary>
public sealed class StripePaymentProvider : IPaymentProvider
{
    private readonly StripeClient _client;
    private readonly string _returnUrl;

    public StripePaymentProvider(IOptions<PaymentOptions> options)
    {
        var stripe = options.Value.Stripe;
        if (string.IsNullOrWhiteSpace(stripe.SecretKey) || string.IsNullOrWhiteSpace(stripe.WebhookSecret) || string.IsNullOrWhiteSpace(options.Value.ReturnUrl))
        {
            throw new InvalidOperationException(
                "Backend:Payments:Provider is stripe, so Backend:Payments:Stripe:SecretKey, Backend:Payments:Stripe:WebhookSecret and " +
                "Backend:Payments:ReturnUrl are required (e.g. the environment variables Backend__Payments__Stripe__SecretKey, ...)");
        }

        _client = new StripeClient(stripe.SecretKey, apiBase: string.IsNullOrWhiteSpace(stripe.ApiBase) ? null : stripe.ApiBase);
        WebhookSecret = stripe.WebhookSecret;
        _returnUrl = options.Value.ReturnUrl!;
    }

    public string Name => PaymentOptions.StripeProviderName;

    public string WebhookSecret { get; }

    public async Task<CheckoutSession> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellation)
    {
        var metadata = new Dictionary<string, string> { [WebhookEvent.PaymentIdKey] = request.PaymentId };
        var returnUrl = request.ReturnUrl ?? _returnUrl;
        var session = await new SessionService(_client).CreateAsync(new SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = request.PaymentId,
            Metadata = metadata,
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = metadata },
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = request.Currency.ToLowerInvariant(),
                        UnitAmount = request.Amount,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = request.Description },
                    },
                },
            ],
            SuccessUrl = returnUrl,
            CancelUrl = returnUrl,
        }, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, cancellation);
        return new CheckoutSession(session.Id, session.Url, new DateTimeOffset(DateTime.SpecifyKind(session.ExpiresAt, DateTimeKind.Utc)));
    }

    public async Task<string> RefundAsync(string paymentRef, string paymentId, long amount, string idempotencyKey, CancellationToken cancellation)
    {
        var refund = await new RefundService(_client).CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = paymentRef,
            Amount = amount,
            Metadata = new Dictionary<string, string> { [WebhookEvent.PaymentIdKey] = paymentId },
        }, new RequestOptions { IdempotencyKey = idempotencyKey }, cancellation);
        return refund.Id;
    }

    public async Task<string> PayoutReportAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellation)
    {
        var lines = new List<PayoutLine>();
        var options = new BalanceTransactionListOptions
        {
            Created = new DateRangeOptions { GreaterThanOrEqual = from.UtcDateTime, LessThan = to.UtcDateTime },
            Expand = ["data.source"],
            Limit = 100,
        };
        await foreach (var transaction in new BalanceTransactionService(_client).ListAutoPagingAsync(options, cancellationToken: cancellation))
        {
            var (type, paymentId, paymentRef) = transaction.Source switch
            {
                Charge charge => (PayoutLine.Charge, charge.Metadata?.GetValueOrDefault(WebhookEvent.PaymentIdKey), charge.PaymentIntentId),
                Refund refund => (PayoutLine.Refund, refund.Metadata?.GetValueOrDefault(WebhookEvent.PaymentIdKey), refund.PaymentIntentId),
                _ => (null, null, null),
            };
            if (type is not null)
            {
                lines.Add(new PayoutLine(type, paymentId, paymentRef, transaction.Amount, transaction.Fee, transaction.Net,
                    new DateTimeOffset(DateTime.SpecifyKind(transaction.Created, DateTimeKind.Utc))));
            }
        }

        return PayoutReportCsv.Write(lines);
    }
}
