using DbUp.Engine.Output;

namespace Backend.Ingest.Storage.Schema;

/// <summary>DbUp's progress lines into the host's log: which script runs, and why one failed.</summary>
internal sealed class SchemaMigrationLog(ILogger logger) : IUpgradeLog
{
    public void LogTrace(string format, params object[] args) => logger.LogTrace(Line(format, args));

    public void LogDebug(string format, params object[] args) => logger.LogDebug(Line(format, args));

    public void LogInformation(string format, params object[] args) => logger.LogInformation(Line(format, args));

    public void LogWarning(string format, params object[] args) => logger.LogWarning(Line(format, args));

    public void LogError(string format, params object[] args) => logger.LogError(Line(format, args));

    public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, Line(format, args));

    private static string Line(string format, object[] args) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
}
