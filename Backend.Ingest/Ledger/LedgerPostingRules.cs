using Backend.Ingest.Storage;
using Terminal.Firmware.Journal;

namespace Backend.Ingest.Ledger;

/// <summary>
/// What a journal record posts to the ledger: the one place these rules live (docs/ledger.md explains each).
/// A record posts at most one transfer, as leg 0 of its source (terminal, sequence); a record with no money
/// in it posts nothing.
/// <list type="bullet">
/// <item><see cref="TxKind.CardTapAccepted"/>: the fare leaves the card's prepaid value and becomes revenue. The
/// record is the intent journaled before the card write; it is charged unless a later
/// <see cref="TxKind.CardWriteAbandoned"/> of the same write reverses it.</item>
/// <item><see cref="TxKind.QrAccepted"/>: the fare leaves the account's prepaid QR balance and becomes revenue.</item>
/// <item><see cref="TxKind.TopUp"/>: value credited to a card by a terminal, paid by card payment at the device:
/// clearing:payments to the card.</item>
/// <item><see cref="TxKind.CardWriteAbandoned"/>: the tap charge whose write is known not to be on the card is
/// given back, revenue to the card (the firmware abandons only tap charges: a pending write is set by a charge).</item>
/// <item><see cref="TxKind.LoadApplied"/>: a pending load written onto the card (docs/pending-loads.md): loads:pending
/// to the card, even when the load was withdrawn or expired meanwhile, since the card holds the value.</item>
/// <item><see cref="TxKind.LoadAbandoned"/>: that load write known not to be on the card: the card back to loads:pending.</item>
/// <item><see cref="TxKind.CardWriteCompleted"/>: nothing; the intent already posted, and the card confirmed it.</item>
/// <item><see cref="TxKind.Refusal"/>, <see cref="TxKind.TerminalEvent"/>: nothing; no value moved.</item>
/// </list>
/// </summary>
public static class LedgerPostingRules
{
    public const string TapCharge = "tap_charge";
    public const string QrCharge = "qr_charge";
    public const string Load = "load";
    public const string WriteAbandoned = "write_abandoned";
    public const string LoadApplied = "load_applied";
    public const string LoadAbandoned = "load_abandoned";

    /// <summary>The transfer <paramref name="row"/> posts, or null when it posts nothing.</summary>
    public static LedgerPosting? For(TransactionRow row)
    {
        if (row.Amount <= 0)
        {
            return null;
        }

        return row.Kind switch
        {
            TxKind.CardTapAccepted when row.CardUid is { } uid =>
                new LedgerPosting(TapCharge, LedgerAccounts.Card(uid), LedgerAccounts.RevenueFares, row.Amount),
            TxKind.QrAccepted when row.AccountId is { } account =>
                new LedgerPosting(QrCharge, LedgerAccounts.Account(account), LedgerAccounts.RevenueFares, row.Amount),
            TxKind.TopUp when row.CardUid is { } uid =>
                new LedgerPosting(Load, LedgerAccounts.ClearingPayments, LedgerAccounts.Card(uid), row.Amount),
            TxKind.LoadApplied when row.CardUid is { } uid =>
                new LedgerPosting(LoadApplied, LedgerAccounts.LoadsPending, LedgerAccounts.Card(uid), row.Amount),
            TxKind.LoadAbandoned when row.CardUid is { } uid =>
                new LedgerPosting(LoadAbandoned, LedgerAccounts.Card(uid), LedgerAccounts.LoadsPending, row.Amount),
            TxKind.CardWriteAbandoned when row.CardUid is { } uid =>
                new LedgerPosting(WriteAbandoned, LedgerAccounts.RevenueFares, LedgerAccounts.Card(uid), row.Amount),
            _ => null,
        };
    }

    /// <summary>When the record happened, as the ledger keeps it: the terminal's clock, unix milliseconds.</summary>
    public static long OccurredAt(TransactionRow row) => row.RecordedAt * 1000L;
}
