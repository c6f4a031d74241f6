using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;

namespace Backend.Ingest.Feedback;

/// <summary>
/// The <c>feedback</c> table (schema 0008): reads for the triage page, and the writes of a change, each in the
/// change's transaction so that the row and its audit entry commit together.
/// </summary>
public sealed class FeedbackStore(DbDataSource dataSource)
{
    public const int DefaultLimit = 100;

    private const string Columns =
        "feedback_id, submitted_at, topic, message, contact, card_uid, trip_terminal, trip_sequence, status, status_changed_at, status_changed_by, staff_note";

    /// <summary>Newest first, optionally of one status and one topic.</summary>
    public async Task<IReadOnlyList<FeedbackView>> ListAsync(string? status, string? topic, int limit, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand();
        var sql = $"select {Columns} from feedback where 1 = 1";
        if (status is not null)
        {
            sql += " and status = @status";
            command.With("status", status);
        }

        if (topic is not null)
        {
            sql += " and topic = @topic";
            command.With("topic", topic);
        }

        command.CommandText = sql + " order by feedback_id desc limit @limit";
        command.With("limit", limit);
        return await ReadAsync(command, cancellation);
    }

    public async Task<FeedbackView?> FindAsync(long id, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from feedback where feedback_id = @id");
        command.With("id", id);
        return (await ReadAsync(command, cancellation)).SingleOrDefault();
    }

    /// <summary>Every topic, with zeros where none came in.</summary>
    public async Task<IReadOnlyList<FeedbackTopicCount>> CountsByTopicAsync(CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand("select topic, status, count(*) from feedback group by topic, status");
        var counts = new Dictionary<(string, string), long>();
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                counts[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
            }
        }

        return FeedbackRules.Topics.Select(topic =>
        {
            long Of(string status) => counts.GetValueOrDefault((topic, status));
            var (fresh, working, answered, closed) = (Of(FeedbackRules.New), Of(FeedbackRules.InProgress), Of(FeedbackRules.Answered), Of(FeedbackRules.Closed));
            return new FeedbackTopicCount(topic, fresh, working, answered, closed, fresh + working + answered + closed);
        }).ToList();
    }

    public static async Task<long> InsertAsync(ChangeContext change, FeedbackSubmission submission, CancellationToken cancellation)
    {
        await using var command = change.Command("""
            insert into feedback (submitted_at, topic, message, contact, card_uid, trip_terminal, trip_sequence, status, status_changed_at)
            values (@at, @topic, @message, @contact, @card, @terminal, @sequence, @status, @at)
            returning feedback_id
            """);
        command.With("at", change.Now).With("topic", submission.Topic).With("message", submission.Message).With("contact", submission.Contact)
            .With("card", submission.CardUid).With("terminal", submission.TripTerminal).With("sequence", submission.TripSequence)
            .With("status", FeedbackRules.New);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation));
    }

    /// <summary>The item, read in the change's transaction before it is moved; null when there is none.</summary>
    public static async Task<FeedbackView?> ReadAsync(ChangeContext change, long id, CancellationToken cancellation)
    {
        await using var command = change.Command($"select {Columns} from feedback where feedback_id = @id");
        command.With("id", id);
        return (await ReadAsync(command, cancellation)).SingleOrDefault();
    }

    /// <summary>
    /// Moves the item to <paramref name="status"/> if it is still in <paramref name="from"/> (false when a concurrent
    /// triage moved it first), with the note and who did it; a card or trip given replaces the one linked before.
    /// </summary>
    public static async Task<bool> MoveAsync(ChangeContext change, long id, string from, FeedbackTriage triage, string status, CancellationToken cancellation)
    {
        await using var command = change.Command("""
            update feedback set status = @status, status_changed_at = @at, status_changed_by = @actor, staff_note = @note,
                card_uid = coalesce(@card, card_uid),
                trip_terminal = coalesce(@terminal, trip_terminal), trip_sequence = coalesce(@sequence, trip_sequence)
            where feedback_id = @id and status = @from
            """);
        command.With("status", status).With("at", change.Now).With("actor", change.Request.Actor).With("note", triage.Note)
            .With("card", triage.CardUid).With("terminal", triage.TripTerminal).With("sequence", triage.TripSequence)
            .With("id", id).With("from", from);
        return await command.ExecuteNonQueryAsync(cancellation) == 1;
    }

    /// <summary>The card of the journal record (terminal, sequence): "" for a record with no card (QR), null when there is no such record.</summary>
    public static async Task<string?> TripCardAsync(ChangeContext change, long terminal, long sequence, CancellationToken cancellation)
    {
        await using var command = change.Command("select coalesce(card_uid, '') from transactions where terminal_id = @terminal and sequence = @sequence");
        command.With("terminal", terminal).With("sequence", sequence);
        return await command.ExecuteScalarAsync(cancellation) as string;
    }

    private static async Task<IReadOnlyList<FeedbackView>> ReadAsync(DbCommand command, CancellationToken cancellation)
    {
        var rows = new List<FeedbackView>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            rows.Add(new FeedbackView(
                reader.GetInt64(0),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetInt64(7),
                reader.GetString(8),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetString(11)));
        }

        return rows;
    }
}
