namespace Backend.Ingest.Ledger;

/// <summary>
/// The ledger's account codes (see <c>ledger_transfers</c> in schema 0002). A balance is sum(credits) - sum(debits):
/// positive for what the operator owes a passenger (a card's or an account's prepaid value), negative for what the
/// operator holds (cash taken at a desk) or has earned (fare revenue).
/// </summary>
public static class LedgerAccounts
{
    public const string RevenueFares = "revenue:fares";
    public const string ClearingCash = "clearing:cash";
    public const string ClearingPayments = "clearing:payments";
    public const string WriteOff = "expense:write-off";
    public const string Adjustment = "equity:adjustment";

    /// <summary>Value paid for cards and not yet on them: pending loads the fleet writes at each card's next tap.</summary>
    public const string LoadsPending = "loads:pending";

    /// <summary>What payment providers keep of each payment, from their payout reports.</summary>
    public const string PaymentFees = "expense:payment-fees";

    /// <summary>The prepaid value on a card, by its UID (uppercase hex).</summary>
    public static string Card(string uid) => "card:" + uid;

    /// <summary>The prepaid QR balance of a passenger account.</summary>
    public static string Account(long accountId) => "account:" + accountId;
}
