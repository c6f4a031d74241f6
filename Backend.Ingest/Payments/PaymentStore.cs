using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;

namespace Backend.Ingest.Payments;

/// <summary>The SQL of <c>payments</c> and <c>payment_events</c> (schema 0009): reads, and the writes a change makes in its transaction.</summary>
internal static class PaymentStore
{
    private const string Columns = """
        payment_id, provider, target, card_uid, account_id, amount, currency, status, provider_session_id, provider_payment_ref,
        checkout_url, checkout_expires_at, created_at, created_by, paid_at, closed_at, refund_amount, refund_reason,
        refund_requested_at, provider_refund_id, refund_error
        """;

    public static async Task<PaymentRecord?> FindAsync(DbDataSource dataSource, string paymentId, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from payments where payment_id = @id");
        command.With("id", paymentId);
        return (await QueryAsync(command, cancellation)).SingleOrDefault();
    }

    /// <summary>
    /// The payment, its row locked until the change commits (an update that changes nothing takes PostgreSQL's row
    /// lock; SQLite's write transaction holds the database): two events or refunds of one payment run one after the other.
    /// </summary>
    public static async Task<PaymentRecord?> LockAsync(ChangeContext change, string paymentId, CancellationToken cancellation)
    {
        await using (var lockRow = change.Command("update payments set status = status where payment_id = @id"))
        {
            lockRow.With("id", paymentId);
            if (await lockRow.ExecuteNonQueryAsync(cancellation) == 0)
            {
                return null;
            }
        }

        await using var command = change.Command($"select {Columns} from payments where payment_id = @id");
        command.With("id", paymentId);
        return (await QueryAsync(command, cancellation)).Single();
    }

    /// <summary>The payment a provider's session or payment reference belongs to, for an event that does not carry our id.</summary>
    public static async Task<string?> FindIdByProviderAsync(ChangeContext change, string provider, string? sessionId, string? paymentRef, CancellationToken cancellation)
    {
        if (sessionId is null && paymentRef is null)
        {
            return null;
        }

        await using var command = change.Command("""
            select payment_id from payments
            where provider = @provider and (provider_session_id = @session or provider_payment_ref = @ref)
            """);
        command.With("provider", provider).With("session", sessionId ?? "").With("ref", paymentRef ?? "");
        return await command.ExecuteScalarAsync(cancellation) as string;
    }

    public static async Task InsertAsync(ChangeContext change, PaymentRecord payment, CancellationToken cancellation)
    {
        await using var command = change.Command($"""
            insert into payments ({Columns})
            values (@id, @provider, @target, @card, @account, @amount, @currency, @status, @session, null,
                    @url, @expires, @at, @by, null, null, null, null, null, null, null)
            """);
        command.With("id", payment.PaymentId).With("provider", payment.Provider).With("target", payment.Target)
            .With("card", payment.CardUid).With("account", payment.AccountId).With("amount", payment.Amount)
            .With("currency", payment.Currency).With("status", payment.Status).With("session", payment.ProviderSessionId)
            .With("url", payment.CheckoutUrl).With("expires", payment.CheckoutExpiresAt).With("at", change.Now).With("by", payment.CreatedBy);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    public static async Task MarkPaidAsync(ChangeContext change, string paymentId, string? paymentRef, CancellationToken cancellation)
    {
        await using var command = change.Command("""
            update payments set status = @paid, paid_at = @at, provider_payment_ref = coalesce(@ref, provider_payment_ref)
            where payment_id = @id
            """);
        command.With("paid", PaymentStatuses.Paid).With("at", change.Now).With("ref", paymentRef).With("id", paymentId);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    public static async Task MarkExpiredAsync(ChangeContext change, string paymentId, CancellationToken cancellation)
    {
        await using var command = change.Command("update payments set status = @expired, closed_at = @at where payment_id = @id");
        command.With("expired", PaymentStatuses.Expired).With("at", change.Now).With("id", paymentId);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>The refund is decided and its value reversed: it waits for the provider to pay it out.</summary>
    public static async Task MarkRefundingAsync(ChangeContext change, string paymentId, long amount, string reason, CancellationToken cancellation)
    {
        await using var command = change.Command("""
            update payments set status = @refunding, refund_amount = @amount, refund_reason = @reason, refund_requested_at = @at
            where payment_id = @id
            """);
        command.With("refunding", PaymentStatuses.Refunding).With("amount", amount).With("reason", reason).With("at", change.Now).With("id", paymentId);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>The provider accepted the refund (its id) and, once its event says so, paid it (<paramref name="confirmed"/>).</summary>
    public static async Task MarkRefundSentAsync(ChangeContext change, string paymentId, string? refundId, bool confirmed, CancellationToken cancellation)
    {
        await using var command = change.Command($"""
            update payments set provider_refund_id = coalesce(@refund, provider_refund_id), refund_error = null
                {(confirmed ? ", status = @refunded, closed_at = @at" : "")}
            where payment_id = @id
            """);
        command.With("refund", refundId).With("id", paymentId);
        if (confirmed)
        {
            command.With("refunded", PaymentStatuses.Refunded).With("at", change.Now);
        }

        await command.ExecuteNonQueryAsync(cancellation);
    }

    public static async Task RecordRefundErrorAsync(DbDataSource dataSource, string paymentId, string error, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand("update payments set refund_error = @error where payment_id = @id");
        command.With("error", error.Length > 500 ? error[..500] : error).With("id", paymentId);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>Payments whose refund is decided but not yet accepted by their provider, oldest first.</summary>
    public static async Task<IReadOnlyList<PaymentRecord>> RefundsToSendAsync(DbDataSource dataSource, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            $"select {Columns} from payments where status = @refunding and provider_refund_id is null order by refund_requested_at");
        command.With("refunding", PaymentStatuses.Refunding);
        return await QueryAsync(command, cancellation);
    }

    /// <summary>Payments taken between the two times (unix ms), for reconciliation against the provider's payout report.</summary>
    public static async Task<IReadOnlyList<PaymentRecord>> TakenBetweenAsync(DbDataSource dataSource, string provider, long from, long to, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"""
            select {Columns} from payments
            where provider = @provider and paid_at >= @from and paid_at < @to
            order by paid_at
            """);
        command.With("provider", provider).With("from", from).With("to", to);
        return await QueryAsync(command, cancellation);
    }

    /// <summary>
    /// Claims the event for this change; false when it was handled before (a redelivery). Of two deliveries racing,
    /// PostgreSQL makes the second wait for the first and then find its row; SQLite runs them one after the other.
    /// </summary>
    public static async Task<bool> ClaimEventAsync(ChangeContext change, string provider, WebhookEvent received, CancellationToken cancellation)
    {
        await using var command = change.Command("""
            insert into payment_events (provider, event_id, event_type, payment_id, received_at, outcome)
            values (@provider, @event, @type, null, @at, 'received')
            on conflict (provider, event_id) do nothing
            """);
        command.With("provider", provider).With("event", received.EventId).With("type", received.Type).With("at", change.Now);
        return await command.ExecuteNonQueryAsync(cancellation) == 1;
    }

    /// <summary>What the claimed event did, and to which payment.</summary>
    public static async Task SettleEventAsync(ChangeContext change, string provider, string eventId, string? paymentId, string outcome, CancellationToken cancellation)
    {
        await using var command = change.Command(
            "update payment_events set payment_id = @payment, outcome = @outcome where provider = @provider and event_id = @event");
        command.With("payment", paymentId).With("outcome", outcome).With("provider", provider).With("event", eventId);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    private static async Task<IReadOnlyList<PaymentRecord>> QueryAsync(DbCommand command, CancellationToken cancellation)
    {
        var payments = new List<PaymentRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            payments.Add(new PaymentRecord(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), Text(reader, 3), Number(reader, 4), reader.GetInt64(5),
                reader.GetString(6), reader.GetString(7), Text(reader, 8), Text(reader, 9), Text(reader, 10), Number(reader, 11),
                reader.GetInt64(12), reader.GetString(13), Number(reader, 14), Number(reader, 15), Number(reader, 16), Text(reader, 17),
                Number(reader, 18), Text(reader, 19), Text(reader, 20)));
        }

        return payments;
    }

    private static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static long? Number(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt64(column);
}
