using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Reports;
using Backend.Tests.Api;
using Xunit;

namespace Backend.Tests.Reports;

/// <summary>
/// Each report reads its index only, on both databases: the records' reports the covering index of migration 0008
/// (on PostgreSQL its copy in the month partition of the day, schema 0011),
/// the ledger's revenue the (kind, occurred_at, amount) index. A plan that scans the table would cost a visit to every
/// row ever stored. One exception, SQLite's concession report: SQLite does not read a virtual generated column from
/// an index, so it takes the day's range from the index and computes the concession from each row's record.
/// </summary>
public sealed class ReportIndexTests
{
    public static readonly TheoryData<string, string> Groups = new()
    {
        { "sqlite", "route_id" }, { "sqlite", "concession" }, { "sqlite", "(recorded_at % 86400) / 3600" }, { "sqlite", "recorded_at / 86400" },
        { "postgres", "route_id" }, { "postgres", "concession" }, { "postgres", "(recorded_at % 86400) / 3600" }, { "postgres", "recorded_at / 86400" },
    };

    [Theory]
    [MemberData(nameof(Groups))]
    public async Task TheRecordsReportsReadOnlyTheReportIndex(string kind, string group)
    {
        await using var database = await TestDatabase.CreateAsync(kind);

        var plan = await PlanAsync(database, ReportQueries.RidesSql(group), command => command.With("from", 0L).With("to", 86_400L));

        if (kind == "postgres")
        {
            // The day falls in one month partition (here the default one); each partition's copy of transactions_report
            // is named by PostgreSQL after the partition and the columns.
            Assert.Matches(@"Index Only Scan using transactions_\w+_recorded_at_kind_route_id_concession", plan);
            Assert.DoesNotContain("Seq Scan", plan);
            return;
        }

        Assert.Contains(
            group == "concession" ? "SEARCH transactions USING INDEX transactions_report (recorded_at>? AND recorded_at<?)"
            : "SEARCH transactions USING COVERING INDEX transactions_report (recorded_at>? AND recorded_at<?)",
            plan);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheLedgersRevenueReadsOnlyItsKindIndex(string kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);

        var plan = await PlanAsync(database, ReportQueries.LedgerSql("''", 2),
            command => command.With("kind0", "tap_charge").With("kind1", "qr_charge").With("from", 0L).With("to", 86_400_000L));

        Assert.Contains(kind == "sqlite" ? "COVERING INDEX ledger_transfers_kind_occurred" : "Index Only Scan using ledger_transfers_kind_occurred", plan);
    }

    /// <summary>The database's plan for <paramref name="sql"/>; PostgreSQL is told not to prefer a scan of the (empty) table.</summary>
    private static async Task<string> PlanAsync(TestDatabase database, string sql, Action<DbCommand> bind)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        if (database.Kind == "postgres")
        {
            await using var noScan = connection.CreateCommand();
            noScan.CommandText = "set enable_seqscan = off";
            await noScan.ExecuteNonQueryAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = (database.Kind == "sqlite" ? "explain query plan " : "explain ") + sql;
        bind(command);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetValue(reader.FieldCount - 1).ToString()!);
        }

        return string.Join("\n", lines);
    }
}
