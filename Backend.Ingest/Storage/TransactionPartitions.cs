using System.Data.Common;
using Backend.Ingest.Api;

namespace Backend.Ingest.Storage;

/// <summary>
/// The month partitions of <c>transactions</c> on PostgreSQL (schema 0011): this month's and the next ones exist
/// before their first record arrives, so records land in their month rather than in the default partition. A
/// record that reached the default partition anyway (its month was missing, or its terminal's clock was wrong)
/// moves into its month when that month is created. SQLite keeps one table.
/// </summary>
public static class TransactionPartitions
{
    /// <summary>How many months, this one included, are kept created ahead.</summary>
    public const int MonthsAhead = 3;

    /// <summary>Creates the partitions of the month of <paramref name="now"/> and the following ones; returns their names.</summary>
    public static async Task<IReadOnlyList<string>> EnsureAheadAsync(DbDataSource dataSource, DateTimeOffset now, CancellationToken cancellation)
    {
        var names = new List<string>();
        var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        for (var ahead = 0; ahead < MonthsAhead; ahead++)
        {
            names.Add(await EnsureMonthAsync(dataSource, month.AddMonths(ahead), cancellation));
        }

        return names;
    }

    /// <summary>Creates the partition of the month holding <paramref name="at"/> (moving its rows out of the default partition) unless it exists.</summary>
    public static async Task<string> EnsureMonthAsync(DbDataSource dataSource, DateTimeOffset at, CancellationToken cancellation)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "select transactions_month_partition(@at)";
        var name = (string)(await command.With("at", at.ToUnixTimeSeconds()).ExecuteScalarAsync(cancellation))!;
        await transaction.CommitAsync(cancellation);
        return name;
    }
}
