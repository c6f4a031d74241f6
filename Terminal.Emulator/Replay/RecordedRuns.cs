using Terminal.NanoReplay.Replay;

namespace Terminal.Emulator.Replay;

/// <summary>A script recorded on .NET and what the host saw of each phase that the script itself does not hold.</summary>
public sealed record RecordedRuns(byte[] Script, IReadOnlyList<RecordedPhase> Phases);

/// <summary>
/// One recorded phase: a label for the bench's lines, its kind and outcome, the RF air time of its frames and the
/// bytes it clocked over SPI (both spent on the device on top of the interpreter's time).
/// </summary>
public sealed record RecordedPhase(string Label, ReplayPhaseKind Kind, int Outcome, double AirMicroseconds, long SpiBytes, int JournalRecords);
