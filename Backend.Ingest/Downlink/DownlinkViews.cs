namespace Backend.Ingest.Downlink;

/// <summary>The body of <c>POST /api/cards/{uid}/block</c>: why (required), and <c>blocked</c> (default) or <c>lost</c>.</summary>
public sealed record CardBlockRequest(string? Reason, string? Status);

/// <summary>The body of <c>POST /api/cards/{uid}/unblock</c>: why (required).</summary>
public sealed record CardUnblockRequest(string? Reason);

/// <summary>The blacklist as <c>GET /api/blacklist</c> shows it: its version, how many keys it lists, the newest listings and versions.</summary>
public sealed record BlacklistView(long Version, long Listed, IReadOnlyList<BlacklistListingView> Listings, IReadOnlyList<BlacklistVersionView> Versions);

/// <summary>One listed key (kind Uid4, Uid7, Uid10 or Account; key in hex) with the version, time, publisher and reason that listed it.</summary>
public sealed record BlacklistListingView(string Kind, string Key, int Reason, long ListedVersion, DateTimeOffset ListedAt, string ListedBy, string Why);

/// <summary>One blacklist version: who published it, when, why, and how many keys it changed.</summary>
public sealed record BlacklistVersionView(long Version, DateTimeOffset PublishedAt, string PublishedBy, string Reason, int Changes);

/// <summary>A published fare table: its version and validity (unix s; until 0 = no end), who published it and when, its size.</summary>
public sealed record FareTableVersionView(uint Version, long ValidFrom, long ValidUntil, DateTimeOffset PublishedAt, string PublishedBy, int Bytes);
