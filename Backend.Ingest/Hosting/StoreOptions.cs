namespace Backend.Ingest.Hosting;

/// <summary>Backend:Store: which database, and where.</summary>
public sealed class StoreOptions
{
    public const string Section = "Backend:Store";

    public StoreKind Kind { get; set; } = StoreKind.Sqlite;

    /// <summary>The SQLite file; a relative path lies under the content root's "data" folder.</summary>
    public string Sqlite { get; set; } = "busfare.db";

    /// <summary>The PostgreSQL connection string (Npgsql syntax).</summary>
    public string? Postgres { get; set; }

    /// <summary>The SQLite ingest connection's memory (Backend:Store:SqliteTuning).</summary>
    public SqliteTuning SqliteTuning { get; set; } = new();

    /// <summary>The section, bound; a kind that names no store is refused in words an operator can act on.</summary>
    public static StoreOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (section["Kind"] is { } kind && !Enum.GetNames<StoreKind>().Contains(kind, StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Backend:Store:Kind is '{kind}': it must be Sqlite or Postgres.");
        }

        var options = section.Get<StoreOptions>() ?? new StoreOptions();
        if (options.SqliteTuning is { CacheMb: < 0 } or { MmapMb: < 0 } or { CheckpointPages: < 0 })
        {
            throw new InvalidOperationException("Backend:Store:SqliteTuning: CacheMb, MmapMb and CheckpointPages must not be negative.");
        }

        return options;
    }
}
