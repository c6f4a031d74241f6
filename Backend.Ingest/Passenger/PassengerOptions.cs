namespace Backend.Ingest.Passenger;

/// <summary>
/// Backend:Passenger: how the self-service pages let a passenger in with the code printed on a card or account
/// (docs/security.md, "Passenger sign-in").
/// </summary>
public sealed class PassengerOptions
{
    public const string Section = "Backend:Passenger";

    /// <summary>Wrong codes in a row for one card or account before it is locked.</summary>
    public int MaxWrongCodes { get; set; } = 5;

    /// <summary>How long a card or account stays locked after <see cref="MaxWrongCodes"/> wrong codes, and again after each further wrong one.</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Code checks one client address may make per minute, whatever card or account they name.</summary>
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>A passenger session ends this many minutes after its last request.</summary>
    public int SessionMinutes { get; set; } = 15;
}
