namespace Backend.Ingest.Payments;

/// <summary>
/// The states of a payment (<c>payments.status</c>): <see cref="Open"/> until the payer pays (<see cref="Paid"/>) or
/// the checkout lapses (<see cref="Expired"/>); a paid one may be taken back (<see cref="Refunding"/> from the moment
/// its value is reversed in the ledger, <see cref="Refunded"/> once the provider confirms the money went back).
/// </summary>
public static class PaymentStatuses
{
    public const string Open = "open";
    public const string Paid = "paid";
    public const string Expired = "expired";
    public const string Refunding = "refunding";
    public const string Refunded = "refunded";

    /// <summary>States in which the payer's money has been taken.</summary>
    public static bool Taken(string status) => status is Paid or Refunding or Refunded;
}
