namespace Backend.Ingest.Fleet;

/// <summary>
/// What a terminal's status message said, as the status consumer decoded it, and when the backend received it.
/// Versions are those the terminal has applied; the backlog counts journal records not yet acknowledged;
/// <see cref="ClockUnixSeconds"/> is the terminal's wall clock when it sent the report (unknown in the will);
/// <see cref="PendingLoadsVersion"/> the pending-load list it holds; <see cref="AcknowledgedUpTo"/> its journal's acknowledged point.
/// </summary>
public sealed record TerminalStatusReport(
    uint TerminalId,
    bool Online,
    long FirmwareVersion,
    long FareTableVersion,
    long BlacklistVersion,
    long KeysVersion,
    int JournalBacklog,
    DateTimeOffset ReceivedAt,
    long? ClockUnixSeconds = null,
    long PendingLoadsVersion = 0,
    long AcknowledgedUpTo = 0);
