using System.Diagnostics.Metrics;

namespace Backend.Ingest.Reconciliation;

/// <summary>
/// What this process's reconciliation did since it started (GET /api/reconciliation/counters), also as observable
/// counters of the Meter "BusFare.Reconciliation" (names busfare.reconciliation.*) read from the same fields.
/// </summary>
public sealed class ReconciliationCounters
{
    public const string MeterName = "BusFare.Reconciliation";

    private long _passes;
    private long _examined;
    private long _findings;
    private long _cardsBlocked;
    private long _lostRaces;
    private long _failures;

    public ReconciliationCounters(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("busfare.reconciliation.passes", () => Interlocked.Read(ref _passes), "{pass}", "Reconciliation passes completed");
        meter.CreateObservableCounter("busfare.reconciliation.records_examined", () => Interlocked.Read(ref _examined), "{record}", "Records examined");
        meter.CreateObservableCounter("busfare.reconciliation.findings", () => Interlocked.Read(ref _findings), "{finding}", "Findings raised (clones, forgeries, anomalies)");
        meter.CreateObservableCounter("busfare.reconciliation.cards_blocked", () => Interlocked.Read(ref _cardsBlocked), "{card}", "Cards blocked by reconciliation");
        meter.CreateObservableCounter("busfare.reconciliation.failures", () => Interlocked.Read(ref _failures), "{pass}", "Passes that failed and were retried");
    }

    public void Record(PassOutcome outcome)
    {
        Interlocked.Increment(ref _passes);
        Interlocked.Add(ref _examined, outcome.Examined);
        Interlocked.Add(ref _findings, outcome.Findings);
        Interlocked.Add(ref _cardsBlocked, outcome.CardsBlocked);
        if (outcome.LostRace)
        {
            Interlocked.Increment(ref _lostRaces);
        }
    }

    public void Failed() => Interlocked.Increment(ref _failures);

    public object Snapshot() => new
    {
        passes = Interlocked.Read(ref _passes),
        recordsExamined = Interlocked.Read(ref _examined),
        findings = Interlocked.Read(ref _findings),
        cardsBlocked = Interlocked.Read(ref _cardsBlocked),
        lostRaces = Interlocked.Read(ref _lostRaces),
        failures = Interlocked.Read(ref _failures),
    };
}
