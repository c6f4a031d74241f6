namespace Backend.Ingest.Downlink;

/// <summary>
/// The reason byte a listing carries to the terminals (1..255; 0 means "removed" in a change set). The terminal only
/// refuses a listed card; the reason tells the display and the journal why.
/// </summary>
public static class BlacklistReasons
{
    /// <summary>Blocked by staff (card status <c>blocked</c>).</summary>
    public const byte Blocked = 1;

    /// <summary>Reported lost or stolen (card status <c>lost</c>).</summary>
    public const byte Lost = 2;

    /// <summary>Blocked by a reconciliation rule: a clone, a replay or a forged card.</summary>
    public const byte Fraud = 3;
}
