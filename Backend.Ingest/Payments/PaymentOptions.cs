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
