using Backend.Ingest.Hosting;

namespace Backend.Ingest.Storage.Schema;

/// <summary>
/// <c>migrate</c>: brings the configured database (<c>Backend:Store</c>) to the schema of this build and lists
/// the scripts it applied; <c>migrate --pending</c> only lists what would run. The server migrates at start as
/// well; the command is for an upgrade done ahead of the restart, or checked before it.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    public static int Run(string[] args, IConfiguration configuration, string contentRoot, TextWriter output)
    {
        var onlyPending = args.Skip(1).Any(a => a == "--pending");
        try
        {
            var database = StoreDatabase.FromOptions(StoreOptions.Read(configuration), configuration, contentRoot);
            var scripts = onlyPending ? SchemaMigrator.Pending(database) : SchemaMigrator.Migrate(database);
            output.WriteLine(scripts.Count == 0
                ? $"{database.Kind} store: schema current, nothing to apply"
                : $"{database.Kind} store: {(onlyPending ? "would apply" : "applied")} {string.Join(", ", scripts)}");
            return 0;
        }
        catch (Exception e) when (e is SchemaMigrationException or InvalidOperationException or System.Data.Common.DbException)
        {
            output.WriteLine($"migrate: {e.Message}");
            return 1;
        }
    }
}
