using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Backend.Ingest.Hosting;

namespace Backend.Ingest.Backup;

/// <summary>
/// Per-table row counts and row hashes of a database, read through one connection (on PostgreSQL inside the
/// caller's snapshot transaction). Each row is written as canonical text and hashed with SHA-256; a table's hash
/// is the sum of its rows' hashes (128 bits, wrapping), so it needs no ordering and no memory per row.
/// </summary>
public static class TableFingerprints
{
    public static IReadOnlyList<TableFingerprint> Read(DbConnection connection, StoreKind kind, DbTransaction? transaction = null)
    {
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.Transaction = transaction;
            // On PostgreSQL the month partitions are read through their parent, once.
            list.CommandText = kind == StoreKind.Sqlite
                ? "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name"
                : """
                  select c.relname from pg_class c
                  where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
                  order by c.relname
                  """;
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        return tables.Select(table => Fingerprint(connection, kind, transaction, table)).ToArray();
    }

    /// <summary>The tables whose rows differ between <paramref name="expected"/> and <paramref name="actual"/>, in words.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyList<TableFingerprint> expected, IReadOnlyList<TableFingerprint> actual)
    {
        var found = actual.ToDictionary(t => t.Table, StringComparer.Ordinal);
        var differences = new List<string>();
        foreach (var table in expected)
        {
            if (!found.Remove(table.Table, out var restored))
            {
                differences.Add($"{table.Table}: missing");
            }
            else if (restored.Rows != table.Rows)
            {
                differences.Add($"{table.Table}: {restored.Rows} rows, the manifest says {table.Rows}");
            }
            else if (restored.Hash != table.Hash)
            {
                differences.Add($"{table.Table}: {restored.Rows} rows as expected, but their contents differ");
            }
        }

        differences.AddRange(found.Keys.Select(table => $"{table}: not in the manifest"));
        return differences;
    }

    private static TableFingerprint Fingerprint(DbConnection connection, StoreKind kind, DbTransaction? transaction, string table)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var quoted = "\"" + table.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        // PostgreSQL writes the row's own text form; SQLite's few storage classes are written here.
        command.CommandText = kind == StoreKind.Sqlite ? $"select * from {quoted}" : $"select r::text from {quoted} r";
        using var reader = command.ExecuteReader();
        var rows = 0L;
        var sum = UInt128.Zero;
        var text = new StringBuilder();
        while (reader.Read())
        {
            text.Clear();
            for (var column = 0; column < reader.FieldCount; column++)
            {
                AppendCanonical(text, reader.GetValue(column));
            }

            var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
            sum += FoldDigest(digest);
            rows++;
        }

        return new TableFingerprint(table, rows, sum.ToString("x32", CultureInfo.InvariantCulture));
    }

    private static UInt128 FoldDigest(byte[] digest) =>
        new(BitConverter.ToUInt64(digest, 0), BitConverter.ToUInt64(digest, 8));

    private static void AppendCanonical(StringBuilder text, object value)
    {
        switch (value)
        {
            case DBNull:
                text.Append("N;");
                break;
            case byte[] bytes:
                text.Append("B").Append(Convert.ToHexString(bytes)).Append(';');
                break;
            case string s:
                text.Append("T").Append(s.Length).Append(':').Append(s).Append(';');
                break;
            case double d:
                text.Append("R").Append(d.ToString("R", CultureInfo.InvariantCulture)).Append(';');
                break;
            case IFormattable formattable:
                text.Append("I").Append(formattable.ToString(null, CultureInfo.InvariantCulture)).Append(';');
                break;
            default:
                text.Append("O").Append(value).Append(';');
                break;
        }
    }
}
