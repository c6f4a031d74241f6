using System.Diagnostics;
using Npgsql;

namespace Backend.Ingest.Backup;

/// <summary>
/// <c>pg_dump</c> and <c>pg_restore</c> of Debian's postgresql-client: found on PATH, else the newest
/// <c>/usr/lib/postgresql/*/bin</c>. The connection goes through libpq's environment (PGHOST, PGPASSWORD, ...), so the
/// password never shows on a command line or in the process list.
/// </summary>
public static class PostgresTools
{
    public static string Locate(string tool)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool));
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(v => int.TryParse(Path.GetFileName(v), out var n) ? n : 0)
                .Select(version => Path.Combine(version, "bin", tool))
            : [];
        return onPath.Concat(debian).FirstOrDefault(File.Exists)
            ?? throw new BackupException($"{tool} not found on PATH nor in /usr/lib/postgresql/*/bin: install Debian's postgresql-client (apt-get install postgresql-client)");
    }

    /// <summary>Runs <paramref name="tool"/> against the database of <paramref name="connectionString"/> and returns its output; its error output becomes the exception's message.</summary>
    public static string Run(string tool, string connectionString, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Locate(tool)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = connection.Database;
        start.Environment["PGUSER"] = connection.Username;
        start.Environment["PGPASSWORD"] = connection.Password;
        start.Environment["PGSSLMODE"] = connection.SslMode.ToString().ToLowerInvariant() switch
        {
            "verifyca" => "verify-ca",
            "verifyfull" => "verify-full",
            var mode => mode,
        };

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new BackupException($"{tool} failed (exit {process.ExitCode}): {errors.Result.Trim()}");
        }

        return output.Result;
    }

    /// <summary>The schema the connection string works in (its Search Path's first entry, else public).</summary>
    public static string Schema(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString).SearchPath?.Split(',')[0].Trim() is { Length: > 0 } schema ? schema : "public";
}
