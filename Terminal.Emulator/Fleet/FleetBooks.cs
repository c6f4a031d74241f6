using Terminal.Emulator.Backoffice;
using Terminal.Simulation.Cards;

namespace Terminal.Emulator.Fleet;

/// <summary>
/// The books after the day, as the backend's API shows them against what the cards hold: the trial balance
/// (every transfer credits what it debits, so its total is 0), each regular's card read by the desk against its
/// ledger balance (the regulars and the online top-up passengers; the cloned card aside: its copy's fares are charged to it, which is the fraud), and each card's
/// transfers grouped by the journal record that caused them (a record posting twice would show here).
/// </summary>
public sealed record FleetBooks(long LedgerImbalance, long LedgerTransfers, int CardsChecked, int CardsOffLedger, int EntriesPostedTwice)
{
    public bool Balanced => LedgerImbalance == 0 && CardsOffLedger == 0 && EntriesPostedTwice == 0;

    public static async Task<FleetBooks> ReadAsync(
        IEnumerable<MifareClassicCard> cards, IssuingDesk desk, BackOfficeClient backOffice, string? clonedUid, FleetLog log, CancellationToken cancellation)
    {
        var trial = await backOffice.TrialBalanceAsync(cancellation);
        var checkedCards = 0;
        var off = 0;
        var twice = 0;
        foreach (var card in cards)
        {
            var uid = Convert.ToHexString(card.Uid);
            var transfers = await backOffice.CardLedgerAsync(uid, cancellation);
            twice += transfers.Where(t => t.Source.StartsWith("terminal ", StringComparison.Ordinal)).GroupBy(t => (t.Source, t.Leg)).Count(g => g.Count() > 1);
            if (uid == clonedUid)
            {
                continue;
            }

            checkedCards++;
            var held = desk.Inspect(card).Trip.Balance;
            var ledger = (await backOffice.CardAsync(uid, cancellation)).LedgerBalance;
            if (held != ledger)
            {
                off++;
                log.Line($"books: card {uid} holds {held} but its ledger says {ledger}");
            }
        }

        return new FleetBooks(trial.Total, trial.Transfers, checkedCards, off, twice);
    }
}
