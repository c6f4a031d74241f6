using Backend.Ingest.Provisioning;

namespace Backend.Ingest.Storage;

/// <summary>
/// Where the SQLite file is: Backend:Store:Sqlite (default busfare.db), a relative path taken from the data
/// directory (Backend:DataDirectory, else the content root's data folder), which is created if missing.
/// </summary>
public static class SqliteLocation
{
    public const string DefaultFileName = "busfare.db";

    public static string Resolve(string? configured, IConfiguration configuration, string contentRoot)
    {
        var dataDirectory = DataDirectory.Resolve(configuration, contentRoot);
        var path = Path.GetFullPath(configured is { Length: > 0 } ? configured : DefaultFileName, dataDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
