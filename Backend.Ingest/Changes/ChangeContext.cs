using System.Data.Common;
using Backend.Ingest.Api;

namespace Backend.Ingest.Changes;

/// <summary>
/// The database transaction one change runs in, its clock reading, and the audit trail it writes to: the audit row
/// commits with the change or not at all.
/// </summary>
public sealed class ChangeContext
{
    internal ChangeContext(DbConnection connection, DbTransaction transaction, ChangeRequest request, long now)
    {
        Connection = connection;
        Transaction = transaction;
        Request = request;
        Now = now;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public ChangeRequest Request { get; }

    /// <summary>The backend's clock when the change began, unix milliseconds: every row it writes carries this time.</summary>
    public long Now { get; }

    /// <summary>A command in the change's transaction.</summary>
    public DbCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Appends to <c>audit_log</c>: the request's actor did <paramref name="action"/> to <paramref name="subject"/>, and why.</summary>
    public async Task AuditAsync(string action, string subject, string? reason, string? detail, CancellationToken cancellation)
    {
        await using var command = Command("""
            insert into audit_log (at, actor, action, subject, reason, detail) values (@at, @actor, @action, @subject, @reason, @detail)
            """);
        command.With("at", Now).With("actor", Request.Actor).With("action", action).With("subject", subject)
            .With("reason", reason).With("detail", detail);
        await command.ExecuteNonQueryAsync(cancellation);
    }
}
