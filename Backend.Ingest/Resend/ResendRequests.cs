using Backend.Ingest.Api;
using Backend.Ingest.Changes;

namespace Backend.Ingest.Resend;

/// <summary>
/// Writes Resend requests (<c>resend_requests</c>, docs/backup.md) inside a change, with an audit row each: the
/// restore command plans one per terminal, an operator asks for one terminal. A new request for a terminal supersedes
/// its open ones, so the terminal is asked only from the newest point.
/// </summary>
public static class ResendRequests
{
    public const string RestoreCause = "restore";
    public const string OperatorCause = "operator";

    /// <summary>
    /// The to-version of the next Resend: at least <paramref name="atLeast"/> (the caller's clock in unix seconds, or a
    /// number seen in a database since replaced) and above every number this database holds, so it keeps rising even
    /// when an older backup is restored over a newer one. At most <see cref="uint.MaxValue"/>: it travels as a u32.
    /// </summary>
    public static async Task<long> NextNumberAsync(ChangeContext change, long atLeast, CancellationToken cancellation)
    {
        await using var command = change.Command("""
            select coalesce(max(n), 0) from (
                select max(resend_number) as n from resend_requests
                union all select max(resend_number) as n from restores) numbers
            """);
        long highest = Convert.ToInt64(await command.ExecuteScalarAsync(cancellation));
        long next = Math.Max(atLeast, highest + 1);
        if (next > uint.MaxValue)
        {
            throw new InvalidOperationException($"The resend number would be {next}, beyond the protocol's u32.");
        }

        return next;
    }

    /// <summary>Records that <paramref name="terminal"/> is to upload again from <paramref name="fromSequence"/>, and audits it.</summary>
    public static async Task AddAsync(
        ChangeContext change, long number, uint terminal, long fromSequence, string cause, string? reason, CancellationToken cancellation)
    {
        await using (var supersede = change.Command("""
            update resend_requests set outcome = 'superseded', answered_at = @at where terminal_id = @terminal and outcome is null
            """))
        {
            await supersede.With("at", change.Now).With("terminal", (long)terminal).ExecuteNonQueryAsync(cancellation);
        }

        await using (var insert = change.Command("""
            insert into resend_requests (resend_number, terminal_id, from_sequence, cause, requested_at, requested_by)
            values (@number, @terminal, @from, @cause, @at, @by)
            """))
        {
            await insert.With("number", number).With("terminal", (long)terminal).With("from", fromSequence).With("cause", cause)
                .With("at", change.Now).With("by", change.Request.Actor).ExecuteNonQueryAsync(cancellation);
        }

        await change.AuditAsync("terminal.resend", $"terminal:{terminal}", reason,
            $"upload again from sequence {fromSequence}, resend number {number} ({cause})", cancellation);
    }
}
