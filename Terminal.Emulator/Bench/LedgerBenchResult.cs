namespace Terminal.Emulator.Bench;

/// <summary>The JSON line `bench ledger` prints last.</summary>
public sealed record LedgerBenchResult(
    string Store,
    long Rows,
    long LedgerTransfers,
    long LedgerImbalance,
    int MeasuredRows,
    double PostingsPerSec,
    double IngestOnlyTxPerSec,
    double Ratio,
    double LoadSeconds,
    double CardHistoryP50Ms,
    double CardHistoryP99Ms,
    double CardReconcileMs,
    double DayReportMs,
    long DayReportRows,
    double PeakMemoryMb);
