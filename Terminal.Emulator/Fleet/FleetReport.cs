using System.Text.Json;
using Terminal.Emulator.Bench;

namespace Terminal.Emulator.Fleet;

/// <summary>
/// What the fleet command ends with: the records (journals against the database), the books (ledger against the
/// cards) and the clone (caught, and refused fleet-wide). Clean when every count that must be 0 is 0 and, when a
/// card was cloned, the backend blocked it and every bus refused the copy.
/// </summary>
public sealed record FleetReport(FleetTally Tally, FleetBooks Books, CloneScenario Cloning, int Buses)
{
    public bool IsClean => Tally.IsExact && Books.Balanced && (!Cloning.CanRun || (Cloning.Detected && Cloning.RefusedBy == Buses));

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
    }, BenchJson.Options);
}
