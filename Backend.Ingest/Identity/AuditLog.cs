using System.Data.Common;
using System.Text;
using Backend.Ingest.Api;

namespace Backend.Ingest.Identity;

/// <summary>
/// Reading the append-only <c>audit_log</c> (no method here or anywhere in the application edits or deletes it; the
/// database's triggers refuse that too): filtered by actor, action and subject (each a case-insensitive "contains",
/// taken literally: % and _ match themselves) and a date range, newest first.
/// </summary>
public sealed class AuditLog(DbDataSource dataSource)
{
    public const int MaxRows = 1000;

    public sealed record Entry(long Id, DateTimeOffset At, string Actor, string Action, string Subject, string? Reason, string? Detail);

    public sealed record Filter(string? Actor, string? Action, string? Subject, DateOnly? From, DateOnly? To);

    public async Task<IReadOnlyList<Entry>> FindAsync(Filter filter, int limit, CancellationToken cancellation)
    {
        var sql = new StringBuilder("select audit_id, at, actor, action, subject, reason, detail from audit_log where 1 = 1");
        await using var command = dataSource.CreateCommand();
        Contains(sql, command, "actor", filter.Actor);
        Contains(sql, command, "action", filter.Action);
        Contains(sql, command, "subject", filter.Subject);
        if (filter.From is { } from)
        {
            sql.Append(" and at >= @from");
            command.With("from", new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds());
        }

        if (filter.To is { } to)
        {
            sql.Append(" and at < @to");
            command.With("to", new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds());
        }

        sql.Append(" order by audit_id desc limit @limit");
        command.With("limit", Math.Clamp(limit, 1, MaxRows));
        command.CommandText = sql.ToString();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var entries = new List<Entry>();
        while (await reader.ReadAsync(cancellation))
        {
            entries.Add(new Entry(Convert.ToInt64(reader.GetValue(0)), DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(1))),
                reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return entries;
    }

    /// <summary>Adds "column contains text" as a parameter, with LIKE's wildcards escaped so the text matches only itself.</summary>
    private static void Contains(StringBuilder sql, DbCommand command, string column, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var escaped = text.Trim().ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
        sql.Append($" and lower({column}) like @{column} escape '\\'");
        command.With(column, $"%{escaped}%");
    }
}
