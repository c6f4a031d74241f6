using Terminal.Emulator.Replay;

namespace Terminal.Tests.Replay;

/// <summary>One recording for a test class: recording boots two terminals and issues cards, which takes a moment.</summary>
public sealed class RecordedRunsFixture
{
    public RecordedRuns Runs { get; } = ReplayRecorder.Record();

    /// <summary>A fresh copy of the script, for a test that alters it.</summary>
    public byte[] Script() => (byte[])Runs.Script.Clone();
}
