using Backend.Ingest.Loads;

namespace Backend.Ingest.Payments;

/// <summary>A payment as the API shows it: the top-up, where it stands, its checkout page, and, for a card, its load.</summary>
public sealed record PaymentView(
    string PaymentId,
    string Provider,
    string Status,
    string Target,
    string? CardUid,
    long? AccountId,
    long Amount,
    string Currency,
    string? CheckoutUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt,
    long? RefundAmount,
    string? RefundReason,
    PaymentLoadView? Load)
{
    public static PaymentView Of(PaymentRecord payment, PendingLoad? load) => new(
        payment.PaymentId, payment.Provider, payment.Status, payment.Target, payment.CardUid, payment.AccountId, payment.Amount,
        payment.Currency, payment.Status == PaymentStatuses.Open ? payment.CheckoutUrl : null,
        DateTimeOffset.FromUnixTimeMilliseconds(payment.CreatedAt),
        payment.PaidAt is { } paid ? DateTimeOffset.FromUnixTimeMilliseconds(paid) : null,
        payment.RefundAmount, payment.RefundReason,
        load is null ? null : new PaymentLoadView(load.LoadId, load.Status, load.ExpiresAt, load.AppliedAt));
}

/// <summary>The pending load of a paid card top-up: pending until the card's next tap writes it (applied), or withdrawn, or expired.</summary>
public sealed record PaymentLoadView(long LoadId, string Status, DateTimeOffset ExpiresAt, DateTimeOffset? AppliedAt);
