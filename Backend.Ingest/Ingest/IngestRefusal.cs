namespace Backend.Ingest.Ingest;

/// <summary>Why a message on a terminal's tx topic was neither stored nor acknowledged to the terminal.</summary>
public enum IngestRefusal
{
    /// <summary>The topic is not <c>fare/v1/terminals/{decimal id}/tx</c>.</summary>
    UnparseableTopic,

    /// <summary>More bytes than the largest batch (<see cref="Terminal.Firmware.Journal.BatchCodec.MaxRecords"/> records).</summary>
    Oversized,

    /// <summary><see cref="Terminal.Firmware.Journal.BatchCodec.Decode"/> refused it.</summary>
    Malformed,

    /// <summary>A batch of another terminal than the topic's: a terminal publishing on a foreign topic.</summary>
    ForeignTopic,
}
