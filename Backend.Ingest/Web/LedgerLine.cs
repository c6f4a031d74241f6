using Backend.Ingest.Ledger;

namespace Backend.Ingest.Web;

/// <summary>One transfer of an account's ledger as a desk page shows it: what it did to the account and the balance it left.</summary>
public sealed record LedgerLine(LedgerTransferView Transfer, long Change, long BalanceAfter)
{
    /// <summary>
    /// The lines of <paramref name="account"/>'s transfers, newest first, ending at <paramref name="balance"/>: each
    /// line's balance is the one after it, worked back from today's (so a list cut at its limit is still right).
    /// </summary>
    public static IReadOnlyList<LedgerLine> Of(string account, long balance, IReadOnlyList<LedgerTransferView> newestFirst)
    {
        var lines = new List<LedgerLine>(newestFirst.Count);
        foreach (var transfer in newestFirst)
        {
            var change = transfer.CreditAccount == account ? transfer.Amount : -transfer.Amount;
            lines.Add(new LedgerLine(transfer, change, balance));
            balance -= change;
        }

        return lines;
    }
}
