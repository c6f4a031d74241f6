namespace Terminal.Emulator.Bench;

/// <summary>The JSON line `bench blacklist` prints last.</summary>
public sealed record BlacklistBenchResult(
    int Entries,
    int BytesOnFlash,
    double BitsPerEntry,
    int RamBytes,
    double FlashReadsPerLookup,
    long MaxFlashReadsPerLookup,
    double FlashBytesReadPerLookup,
    double FlashReadsPerLookupWithOverlay,
    long MaxFlashReadsPerLookupWithOverlay,
    double LookupsPerSec,
    double BaselineLookupsPerSec,
    double Ratio,
    long SnapshotBuildMs,
    long DeltaApplyMs,
    int Errors);
