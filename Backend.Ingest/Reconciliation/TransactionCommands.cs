using System.Data.Common;

namespace Backend.Ingest.Reconciliation;

internal static class TransactionCommands
{
    /// <summary>A command on <paramref name="connection"/> inside <paramref name="transaction"/>.</summary>
    public static DbCommand CommandIn(this DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
