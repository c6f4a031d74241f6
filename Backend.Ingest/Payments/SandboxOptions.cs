namespace Backend.Ingest.Payments;

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
