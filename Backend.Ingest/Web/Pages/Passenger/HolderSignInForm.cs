namespace Backend.Ingest.Web.Pages.Passenger;

/// <summary>The model of the shared sign-in form (_HolderSignIn): which number it asks for, what was typed, and the refusal if any.</summary>
public sealed record HolderSignInForm(string NumberField, string NumberLabel, string NumberHelp, string InputMode, string? Number, string? Error)
{
    public static HolderSignInForm ForCard(string? number, string? error) =>
        new("CardNumber", "Card number", "The letters and digits printed on the front of your card.", "text", number, error);

    public static HolderSignInForm ForAccount(string? number, string? error) =>
        new("AccountNumber", "Account number", "The number on your account letter.", "numeric", number, error);
}
