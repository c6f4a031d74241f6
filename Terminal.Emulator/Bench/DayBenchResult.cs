namespace Terminal.Emulator.Bench;

/// <summary>CPU seconds per million records stored, for the backend's process and the broker's (null for the embedded broker: it is the backend's).</summary>
public sealed record DayBenchCpu(double? Backend, double? Broker);

/// <summary>The JSON line `bench day` prints last.</summary>
public sealed record DayBenchResult(
    string Broker,
    string Store,
    int Terminals,
    int Processes,
    double Minutes,
    int Tx,
    double PeakTxPerSec,
    double AckP50Ms,
    double AckP99Ms,
    int Batches,
    int Resends,
    long? BrokerDrops,
    int Lost,
    int Duplicated,
    int Unexpected,
    DayBenchCpu CpuSecondsPerMillionTx,
    double? BackendPeakMemoryMb,
    double BaselineTxPerSec,
    double Ratio);
