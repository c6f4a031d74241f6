namespace Terminal.Emulator.Bench;

/// <summary>The JSON line `bench ingest` prints last.</summary>
public sealed record IngestBenchResult(
    string Store,
    int Terminals,
    int Tx,
    double ConnectSeconds,
    double IngestSeconds,
    double TxPerSec,
    double AckP50Ms,
    double AckP99Ms,
    int Batches,
    double BaselineTxPerSec,
    double Ratio,
    int Lost,
    int Duplicated,
    int Unexpected,
    long BrokerDrops);
