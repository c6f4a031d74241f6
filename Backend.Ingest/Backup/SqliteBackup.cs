using Backend.Ingest.Hosting;
using Microsoft.Data.Sqlite;

namespace Backend.Ingest.Backup;

/// <summary>
/// SQLite through its online backup API (<c>sqlite3_backup</c>, <see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>):
/// the pages are copied under one read transaction, so ingest keeps writing (WAL) and the copy is the database at one
/// instant. The fingerprints are read from the copy itself, which is exactly the backup point.
/// </summary>
public static class SqliteBackup
{
    public static IReadOnlyList<TableFingerprint> Take(string databasePath, string copyPath)
    {
        using var source = Open(databasePath);
        using var copy = Open(copyPath);
        source.BackupDatabase(copy);
        return TableFingerprints.Read(copy, StoreKind.Sqlite);
    }

    /// <summary>The tables of the database at <paramref name="path"/> (none if the file is new).</summary>
    public static IReadOnlyList<TableFingerprint> Fingerprints(string path)
    {
        using var connection = Open(path);
        return TableFingerprints.Read(connection, StoreKind.Sqlite);
    }

    /// <summary>Copies <paramref name="copyPath"/> over the database at <paramref name="databasePath"/>, page by page, through the same API.</summary>
    public static void Restore(string copyPath, string databasePath)
    {
        using var copy = Open(copyPath);
        using (var check = copy.CreateCommand())
        {
            check.CommandText = "pragma integrity_check";
            if (check.ExecuteScalar() is not "ok" and var problem)
            {
                throw new BackupException($"the backup's database fails SQLite's integrity check: {problem}");
            }
        }

        using var target = Open(databasePath);
        copy.BackupDatabase(target);
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        return connection;
    }
}
