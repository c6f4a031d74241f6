using Backend.Ingest.Storage;

namespace Backend.Ingest.Ingest;

/// <summary>What <see cref="BatchIntake"/> decided about one message: a batch to store, or a refusal with its reason.</summary>
public sealed record IntakeVerdict(BatchToStore? Batch, IngestRefusal? Refusal, string Reason)
{
    public static IntakeVerdict Accept(BatchToStore batch) => new(batch, null, "");

    public static IntakeVerdict Refuse(IngestRefusal refusal, string reason) => new(null, refusal, reason);
}
