namespace Backend.Ingest.Accounts;

/// <summary>A new passenger account: contact details are optional (the account itself is pseudonymous).</summary>
public sealed record AccountOpening(string? ContactName, string? ContactEmail, string? ContactPhone);
