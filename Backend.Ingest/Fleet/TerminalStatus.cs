namespace Backend.Ingest.Fleet;

/// <summary>
/// A terminal's row in <c>terminal_status</c>: its last report, or the broker's "offline" will.
/// <see cref="ReportedOnline"/> is what was last said; whether the terminal is online now also depends on how
/// long ago it was heard from (<see cref="FleetOptions"/>).
/// </summary>
public sealed record TerminalStatus(
    uint TerminalId,
    bool ReportedOnline,
    long FirmwareVersion,
    long FareTableVersion,
    long BlacklistVersion,
    long KeysVersion,
    int JournalBacklog,
    DateTimeOffset LastSeenAt,
    long PendingLoadsVersion = 0)
{
    /// <summary>
    /// Online when the last word was "online" and it came within the silence the options tolerate: a terminal
    /// whose link died without the broker noticing yet stops heartbeating, and goes offline here all the same.
    /// </summary>
    public bool IsOnlineAt(DateTimeOffset now, FleetOptions options) =>
        ReportedOnline && now - LastSeenAt <= options.OnlineWindow;
}
