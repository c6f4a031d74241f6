using System.Data.Common;
using System.Text.Json;
using Backend.Ingest.Api;

namespace Backend.Ingest.Reconciliation;

/// <summary>The review queue's reads: findings by filter, newest first, and one finding with its evidence.</summary>
public sealed class FindingQueries(DbDataSource dataSource)
{
    private const string Columns =
        "finding_id, rule, card_uid, account_id, severity, action, status, created_at, decided_by, decided_at, decision_reason, evidence";

    public async Task<IReadOnlyList<FindingView>> ListAsync(FindingFilter filter, CancellationToken cancellation)
    {
        var conditions = new List<string>();
        await using var command = dataSource.CreateCommand();
        Filter(command, conditions, "status", filter.Status);
        Filter(command, conditions, "rule", filter.Rule);
        Filter(command, conditions, "card_uid", filter.CardUid);
        Filter(command, conditions, "account_id", filter.AccountId);
        command.CommandText = $"select {Columns} from findings"
            + (conditions.Count == 0 ? "" : " where " + string.Join(" and ", conditions))
            + " order by finding_id desc limit @limit";
        command.With("limit", filter.Limit);
        return await ReadAsync(command, withEvidence: false, cancellation);
    }

    public async Task<FindingView?> FindAsync(long id, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from findings where finding_id = @id");
        command.With("id", id);
        return (await ReadAsync(command, withEvidence: true, cancellation)).SingleOrDefault();
    }

    /// <summary>One finding read inside a change's transaction.</summary>
    public static async Task<FindingView?> FindAsync(DbConnection connection, DbTransaction transaction, long id, CancellationToken cancellation)
    {
        await using var command = connection.CommandIn(transaction, $"select {Columns} from findings where finding_id = @id");
        command.With("id", id);
        return (await ReadAsync(command, withEvidence: true, cancellation)).SingleOrDefault();
    }

    /// <summary>Adds <c>column = @column</c> when the filter has a value (PostgreSQL cannot type a bare null parameter).</summary>
    private static void Filter(DbCommand command, List<string> conditions, string column, object? value)
    {
        if (value is not null)
        {
            conditions.Add($"{column} = @{column}");
            command.With(column, value);
        }
    }

    private static async Task<IReadOnlyList<FindingView>> ReadAsync(DbCommand command, bool withEvidence, CancellationToken cancellation)
    {
        var findings = new List<FindingView>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            findings.Add(new FindingView(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                withEvidence ? JsonDocument.Parse(reader.GetString(11)).RootElement.Clone() : null));
        }

        return findings;
    }
}
