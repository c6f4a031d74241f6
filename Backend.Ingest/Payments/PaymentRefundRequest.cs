namespace Backend.Ingest.Payments;

/// <summary>Why staff refund a payment: it goes to the audit log and the payment.</summary>
public sealed record PaymentRefundRequest(string? Reason);
