namespace Backend.Ingest.Payments.Sandbox;

/// <summary>A checkout of the sandbox provider: what it charges for, and whether the payer paid or left.</summary>
internal sealed class SandboxSession(string sessionId, string paymentId, long amount, string currency, string description, string paymentRef, DateTimeOffset expiresAt, string? returnUrl)
{
    public string SessionId { get; } = sessionId;

    public string PaymentId { get; } = paymentId;

    public long Amount { get; } = amount;

    public string Currency { get; } = currency;

    public string Description { get; } = description;

    /// <summary>The sandbox's payment intent: what a refund names.</summary>
    public string PaymentRef { get; } = paymentRef;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>Where the payer is sent once they paid or cancelled, as Stripe's success and cancel URLs do; null: the sandbox's own page.</summary>
    public string? ReturnUrl { get; } = returnUrl;

    /// <summary>open, paid or expired; changed under the provider's lock.</summary>
    public string Status { get; set; } = "open";
}
