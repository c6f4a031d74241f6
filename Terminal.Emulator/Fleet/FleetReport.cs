using System.Text.Json;
using Terminal.Emulator.Bench;

namespace Terminal.Emulator.Fleet;

/// <summary>
/// What the fleet command ends with: the records (journals against the database), the books (ledger against the
/// cards), the clone (caught, and refused fleet-wide), the online top-ups (paid, delivered, each once) and the
/// revenue (journals against ledger). Clean when every count that must be 0 is 0, when a card was cloned the
/// backend blocked it and every bus refused the copy, and when passengers topped up online each tap took the load.
/// </summary>
public sealed record FleetReport(FleetTally Tally, FleetBooks Books, CloneScenario Cloning, int Buses, TopUpTally TopUps, RevenueCheck Revenue, TopUpScenario TopUpRides)
{
    public bool IsClean => Tally.IsExact && Books.Balanced && (!Cloning.CanRun || (Cloning.Detected && Cloning.RefusedBy == Buses))
        && TopUps.IsExact && Revenue.Differs == 0 && (!TopUpRides.CanRun || TopUpRides.AllTaken);

    /// <summary>The final JSON line.</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        recordsJournaled = Tally.Journaled,
        recordsStored = Tally.Stored,
        lost = Tally.Lost,
        duplicated = Tally.Duplicated,
        mismatched = Tally.Mismatched,
        unexpected = Tally.Unexpected,
        ledgerImbalance = Books.LedgerImbalance,
        ledgerTransfers = Books.LedgerTransfers,
        cardsChecked = Books.CardsChecked,
        cardsOffLedger = Books.CardsOffLedger,
        entriesPostedTwice = Books.EntriesPostedTwice,
        clonesDetected = Cloning.Detected ? 1 : 0,
        clonesRefusedFleetWide = Cloning.RefusedBy,
        buses = Buses,
        secondsToBlockClone = Cloning.SecondsToBlock,
        topUpsPaid = TopUps.TopUpsPaid,
        loadsApplied = TopUps.LoadsApplied,
        loadsPending = TopUps.LoadsPending,
        topUpsRefunded = TopUps.Refunds,
        loadsAppliedTwice = TopUps.LoadsAppliedTwice,
        loadsOffCard = TopUps.LoadsOffCard,
        webhookDeliveries = TopUps.WebhookDeliveries,
        webhookCredits = TopUps.WebhookCredits,
        paymentsUnmatched = TopUps.PaymentsUnmatched,
        loadsTakenOnAnotherBus = TopUpRides.Outcomes.Count(o => o.LoadTaken),
        revenue = Revenue.Ledger,
        revenueJournaled = Revenue.Expected,
        qrCapRefunds = Revenue.CapRefunds,
        revenueDiffers = Revenue.Differs,
    }, BenchJson.Options);
}
