using System.Buffers;
using Backend.Ingest.Ingest;
using Backend.Ingest.Status;
using Terminal.Firmware.Journal;

namespace Terminal.Emulator.Fuzz.Targets;

/// <summary>
/// What the backend does with an MQTT payload before it reaches the database (<see cref="BatchIntake"/>,
/// <see cref="StatusIntake"/>): a verdict for every input, and an accepted batch describes exactly the bytes it came from.
/// </summary>
public sealed class IngestTarget : IFuzzTarget
{
    private const string BatchTopic = "fare/v1/terminals/7/tx";
    private const string StatusTopic = "fare/v1/terminals/7/status";

    public string Name => "ingest";

    public IReadOnlyList<byte[]> Seeds() => [.. new BatchTarget().Seeds(), .. new StatusTarget().Seeds()];

    public void Run(byte[] input)
    {
        var verdict = BatchIntake.Inspect(BatchTopic, new ReadOnlySequence<byte>(input));
        FuzzMismatchException.Check((verdict.Batch is null) != (verdict.Refusal is null), "a batch verdict is neither an acceptance nor a refusal");
        if (verdict.Batch is { } batch)
        {
            FuzzMismatchException.Check(batch.TerminalId == 7 && BatchCodec.LengthFor(batch.Count) == input.Length, "an accepted batch does not describe its payload");
        }

        var status = StatusIntake.Inspect(StatusTopic, input, DateTimeOffset.UnixEpoch);
        FuzzMismatchException.Check(status.Report is not null || status.Reason.Length > 0, "a refused status carries no reason");
    }
}
