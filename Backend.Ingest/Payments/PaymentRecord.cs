namespace Backend.Ingest.Payments;

/// <summary>A row of <c>payments</c> (schema 0009): one top-up checkout and what became of it. Times are unix ms.</summary>
public sealed record PaymentRecord(
    string PaymentId,
    string Provider,
    string Target,
    string? CardUid,
    long? AccountId,
    long Amount,
    string Currency,
    string Status,
    string? ProviderSessionId,
    string? ProviderPaymentRef,
    string? CheckoutUrl,
    long? CheckoutExpiresAt,
    long CreatedAt,
    string CreatedBy,
    long? PaidAt,
    long? ClosedAt,
    long? RefundAmount,
    string? RefundReason,
    long? RefundRequestedAt,
    string? ProviderRefundId,
    string? RefundError)
{
    public const string CardTarget = "card";
    public const string AccountTarget = "account";
}
