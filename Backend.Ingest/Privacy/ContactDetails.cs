namespace Backend.Ingest.Privacy;

/// <summary>A passenger's contact details, each optional: the plaintext inside <c>accounts.contacts_sealed</c>.</summary>
public sealed record ContactDetails(string? Name, string? Email, string? Phone)
{
    public static readonly ContactDetails None = new(null, null, null);

    public bool IsEmpty => Name is null && Email is null && Phone is null;
}
