namespace Backend.Ingest.Web;

/// <summary>The passenger's pages in their layout's navigation, in order: all open, each asks for the code it needs.</summary>
public static class PassengerNavigation
{
    public sealed record Link(string Title, string Path);

    public static readonly IReadOnlyList<Link> Links =
    [
        new("My card", "/my-card"),
        new("My account", "/my-account"),
        new("Top up", "/top-up"),
        new("Feedback", "/feedback/new"),
    ];
}
