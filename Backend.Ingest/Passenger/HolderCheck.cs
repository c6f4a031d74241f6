namespace Backend.Ingest.Passenger;

/// <summary>
/// The answer to a card or account number and code. Every refusal reads the same for a card that exists and one that
/// does not, so the sign-in form cannot be used to find out which numbers are real.
/// </summary>
public enum HolderCheck
{
    Accepted,

    /// <summary>Not 10 digits, or the check digit says one is mistyped: never a right code, and not counted.</summary>
    Malformed,

    /// <summary>The number or the code is not right (which one is not said).</summary>
    Refused,

    /// <summary>Too many wrong codes for this number: locked for a while, the right code too.</summary>
    LockedOut,

    /// <summary>Too many tries from this address in the last minute, whatever the numbers.</summary>
    TooManyTries,
}

/// <summary>What the passenger pages say for each <see cref="HolderCheck"/> refusal.</summary>
public static class HolderCheckText
{
    public const string Malformed = "The code is the 10 digits printed under the number on your card (or on your account letter); one of them looks mistyped.";
    public const string Refused = "That number and code do not match. Check both and try again.";
    public const string LockedOut = "Too many wrong codes for this number: it is locked for a while. Try again later, or ask customer service to reprint the code.";
    public const string TooManyTries = "Too many tries from your connection in the last minute. Wait a minute and try again.";

    public static string Of(HolderCheck check) => check switch
    {
        HolderCheck.Malformed => Malformed,
        HolderCheck.LockedOut => LockedOut,
        HolderCheck.TooManyTries => TooManyTries,
        _ => Refused,
    };
}
