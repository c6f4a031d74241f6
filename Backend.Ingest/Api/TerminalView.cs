namespace Backend.Ingest.Api;

/// <summary>
/// A terminal as the fleet page shows it. <see cref="Online"/> applies the heartbeat rule to its last status;
/// the version, backlog and last-seen fields are null until a status arrived, the high-water mark and last
/// batch time until a batch was stored. <see cref="PendingLoadsVersion"/> is the pending-load list the terminal holds.
/// </summary>
public sealed record TerminalView(
    uint TerminalId,
    bool Online,
    long? FirmwareVersion,
    long? FareTableVersion,
    long? BlacklistVersion,
    long? KeysVersion,
    int? JournalBacklog,
    DateTimeOffset? LastSeenAt,
    long? HighWater,
    DateTimeOffset? LastBatchAt,
    long? PendingLoadsVersion = null);
