namespace Backend.Ingest.Payments;

/// <summary>
/// Backend:Payments: which provider takes the money, the limits of a top-up, and how long a paid card top-up
/// waits for its card. Secrets (Stripe's keys) come from configuration or the environment
/// (<c>Backend__Payments__Stripe__SecretKey</c>), never from a committed file.
/// </summary>
public sealed class PaymentOptions
{
    public const string Section = "Backend:Payments";

    /// <summary><c>sandbox</c> (in-process, the default) or <c>stripe</c>.</summary>
    public string Provider { get; set; } = SandboxProviderName;

    public const string SandboxProviderName = "sandbox";
    public const string StripeProviderName = "stripe";

    /// <summary>ISO 4217 code of every top-up.</summary>
    public string Currency { get; set; } = "EUR";

    /// <summary>The least one online top-up may add, in cents (a provider's fee makes tiny payments pointless).</summary>
    public long MinAmount { get; set; } = 500;

    /// <summary>The most one online top-up may add, in cents.</summary>
    public long MaxAmount { get; set; } = 20_000;

    /// <summary>Days a paid card top-up waits for the card's next tap before it expires and is refunded.</summary>
    public int LoadExpiryDays { get; set; } = 30;

    /// <summary>Top-up requests one anonymous client (by IP address) may make per minute.</summary>
    public int PassengerRequestsPerMinute { get; set; } = 10;

    /// <summary>Seconds between two passes that send refunds to the provider and refund expired loads.</summary>
    public int RefundPassSeconds { get; set; } = 10;

    /// <summary>Where the provider sends the payer back to after the checkout; a sandbox page when empty.</summary>
    public string? ReturnUrl { get; set; }

    public StripeOptions Stripe { get; set; } = new();

    public SandboxOptions Sandbox { get; set; } = new();
}

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

/// <summary>
/// Backend:Payments:Sandbox: how the in-process provider misbehaves, as real ones do, reproducibly (seeded):
/// duplicated and late events, retries of a failed delivery with growing delays, and its fee.
/// </summary>
public sealed class SandboxOptions
{
    /// <summary>Its signing secret; a fresh random one at each start when empty.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Where it delivers events; this backend's own /api/payments/webhooks/sandbox when empty.</summary>
    public string? WebhookUrl { get; set; }

    public int Seed { get; set; } = 11;

    /// <summary>The chance (0..1) that an event is delivered a second time.</summary>
    public double DuplicateRate { get; set; } = 0.1;

    /// <summary>Each delivery waits a random 0..this many milliseconds first, so events can arrive late and out of order.</summary>
    public int MaxDelayMilliseconds { get; set; } = 200;

    /// <summary>The wait after a first failed delivery; it doubles with each failure, up to a minute.</summary>
    public int RetryMilliseconds { get; set; } = 250;

    /// <summary>Failed deliveries of one event after which the sandbox gives up on it (Stripe: three days).</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>Its fee per payment: basis points of the amount plus a fixed number of cents.</summary>
    public int FeeBasisPoints { get; set; } = 140;

    public long FeeFixed { get; set; } = 25;
}
