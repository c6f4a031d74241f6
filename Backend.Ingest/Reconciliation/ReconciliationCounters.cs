namespace Backend.Ingest.Reconciliation;

/// <summary>What this process's reconciliation did since it started (GET /api/reconciliation/counters).</summary>
public sealed class ReconciliationCounters
{
    private long _passes;
    private long _examined;
    private long _findings;
    private long _cardsBlocked;
    private long _lostRaces;
    private long _failures;

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
