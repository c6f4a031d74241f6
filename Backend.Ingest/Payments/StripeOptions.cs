namespace Backend.Ingest.Payments;

/// <summary>Backend:Payments:Stripe: the account's secret API key and the webhook endpoint's signing secret.</summary>
public sealed class StripeOptions
{
    /// <summary><c>sk_live_...</c> or <c>sk_test_...</c>.</summary>
    public string? SecretKey { get; set; }

    /// <summary><c>whsec_...</c>, shown by Stripe for the endpoint /api/payments/webhooks/stripe.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Another API address (a local mock of Stripe's API); Stripe's own when empty.</summary>
    public string? ApiBase { get; set; }
}
