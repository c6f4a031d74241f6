using Microsoft.Extensions.Configuration;

namespace Backend.Ingest.Provisioning;

/// <summary>
/// Where the backend keeps its state: <c>Backend:DataDirectory</c>, or the content root's <c>data</c> folder
/// (the same folder the SQLite store defaults to).
/// </summary>
public static class DataDirectory
{
    public const string Key = "Backend:DataDirectory";

    public static string Resolve(IConfiguration configuration, string contentRoot) =>
        Path.GetFullPath(configuration[Key] is { Length: > 0 } configured ? configured : Path.Combine(contentRoot, "data"), contentRoot);
}
