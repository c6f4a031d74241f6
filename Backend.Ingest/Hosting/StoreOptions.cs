namespace Backend.Ingest.Hosting;

/// <summary>Backend:Store: which database, and where.</summary>
public sealed class StoreOptions
{
    public StoreKind Kind { get; set; } = StoreKind.Sqlite;

    /// <summary>The SQLite file; a relative path lies under the content root's "data" folder.</summary>
    public string Sqlite { get; set; } = "busfare.db";

    /// <summary>The PostgreSQL connection string (Npgsql syntax).</summary>
    public string? Postgres { get; set; }
}
