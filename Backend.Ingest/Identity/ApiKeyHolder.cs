namespace Backend.Ingest.Identity;

/// <summary>Who presented a valid API key: the key's name (the actor in the audit log) and its roles.</summary>
public sealed record ApiKeyHolder(string KeyId, string Name, IReadOnlyList<string> Roles);
