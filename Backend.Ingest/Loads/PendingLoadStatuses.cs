namespace Backend.Ingest.Loads;

/// <summary>
/// The states of a pending load. It starts <see cref="Pending"/> and ends in exactly one of the others: the card took
/// it (<see cref="Applied"/>), it was taken back before that (<see cref="Withdrawn"/>, e.g. its payment refunded), or
/// nobody picked it up in time (<see cref="Expired"/>).
/// </summary>
public static class PendingLoadStatuses
{
    public const string Pending = "pending";
    public const string Applied = "applied";
    public const string Withdrawn = "withdrawn";
    public const string Expired = "expired";
}
