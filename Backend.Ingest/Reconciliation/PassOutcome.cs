namespace Backend.Ingest.Reconciliation;

/// <summary>
/// What a pass did: records examined, findings stored, cards blocked, the blacklist version that lists them;
/// <see cref="LostRace"/> when another process moved a cursor first (this pass committed nothing).
/// </summary>
public sealed record PassOutcome(int Examined, int Findings, int CardsBlocked, uint? BlacklistVersion, bool LostRace)
{
    public static readonly PassOutcome Idle = new(0, 0, 0, null, false);
}
