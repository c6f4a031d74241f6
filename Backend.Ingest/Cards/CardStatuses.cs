namespace Backend.Ingest.Cards;

/// <summary>The registry's card statuses (the check constraint of <c>cards.status</c>).</summary>
public static class CardStatuses
{
    public const string Active = "active";
    public const string Blocked = "blocked";
    public const string Lost = "lost";
    public const string Replaced = "replaced";
    public const string Refunded = "refunded";
}
