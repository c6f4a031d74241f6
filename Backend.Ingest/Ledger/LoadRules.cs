namespace Backend.Ingest.Ledger;

/// <summary>
/// What a load may be: a whole number of cents from 1 to Backend:Ledger:MaxLoad, paid in a way the ledger has a
/// clearing account for. Each failure is reported under the field that caused it.
/// </summary>
internal static class LoadRules
{
    public const string Cash = "cash";
    public const string Payment = "payment";

    /// <summary>Checks <paramref name="amount"/> (named <paramref name="field"/> in errors) against the configured maximum.</summary>
    public static void CheckAmount(string field, long? amount, long maxLoad, Dictionary<string, string[]> errors)
    {
        if (amount is not { } value)
        {
            errors[field] = [$"{field} is required: the amount in cents, 1 to {maxLoad}."];
        }
        else if (value <= 0 || value > maxLoad)
        {
            errors[field] = [$"{field} {value} is out of range: a load is 1 to {maxLoad} cents (Backend:Ledger:MaxLoad)."];
        }
    }

    /// <summary>The clearing account the money came in through; null (and an error under paidBy) for an unknown way.</summary>
    public static string? Clearing(string? paidBy, Dictionary<string, string[]> errors)
    {
        switch (paidBy ?? Cash)
        {
            case Cash:
                return LedgerAccounts.ClearingCash;
            case Payment:
                return LedgerAccounts.ClearingPayments;
            default:
                errors["paidBy"] = [$"paidBy '{paidBy}' is not a way of paying: use \"{Cash}\" or \"{Payment}\"."];
                return null;
        }
    }
}
