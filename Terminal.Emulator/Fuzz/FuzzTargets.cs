using Terminal.Emulator.Fuzz.Targets;

namespace Terminal.Emulator.Fuzz;

/// <summary>Every parser that takes outside bytes, in the order `fuzz --target all` runs them (docs/security.md, "Fuzzing").</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All() =>
    [
        new CardSectorTarget(),
        new TxRecordTarget(),
        new BatchTarget(),
        new AckTarget(),
        new StatusTarget(),
        new IngestTarget(),
        new DownlinkTarget(),
        new FareTableTarget(),
        new QrTokenTarget(),
        new ScannerTarget(),
        new JournalRecoveryTarget(),
        new Iso14443Target(),
        new MinorUnitsTarget(),
        new WebhookTarget(),
    ];
}
