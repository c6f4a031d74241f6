using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Ledger;

namespace Backend.Ingest.Loads;

/// <summary>
/// The pending loads table (<c>pending_loads</c>, schema 0009) and its ledger: creating a load moves its amount from
/// the funding account into <see cref="LedgerAccounts.LoadsPending"/>, withdrawing it moves it back. Both transfers
/// carry the source key <c>load:{id}</c>: leg 0 is the creation, leg 1 the release (withdrawal or expiry), so the
/// unique index on source key and leg lets a load be released once, whichever way.
/// </summary>
public static class PendingLoads
{
    public const int CreatedLeg = 0;
    public const int ReleasedLeg = 1;

    private const string Columns = """
        load_id, card_uid, amount, status, funding_account, payment_id, created_at, expires_at,
        applied_at, applied_terminal, applied_sequence, why
        """;

    /// <summary>The ledger source key of every transfer of one load.</summary>
    public static string SourceKey(long loadId) => "load:" + loadId;

    /// <summary>
    /// A new pending load of <paramref name="amount"/> cents for the card, paid from <paramref name="fundingAccount"/>,
    /// in the change's transaction with its transfer and audit row; its id.
    /// </summary>
    public static Task<long> CreateAsync(ChangeContext change, string cardUid, long amount, string fundingAccount,
        DateTimeOffset expiresAt, string why, CancellationToken cancellation) =>
        CreateAsync(change, cardUid, amount, fundingAccount, paymentId: null, expiresAt, why, cancellation);

    /// <summary>As above, for the payment <paramref name="paymentId"/> (a paid online card top-up).</summary>
    public static async Task<long> CreateAsync(ChangeContext change, string cardUid, long amount, string fundingAccount,
        string? paymentId, DateTimeOffset expiresAt, string why, CancellationToken cancellation)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        ArgumentException.ThrowIfNullOrWhiteSpace(fundingAccount);
        ArgumentException.ThrowIfNullOrWhiteSpace(why);
        if (!CardUid.TryNormalize(cardUid, out var uid))
        {
            throw new ArgumentException(CardUid.Rule, nameof(cardUid));
        }

        if (expiresAt.ToUnixTimeMilliseconds() <= change.Now)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresAt), expiresAt, "a pending load must expire after it is created");
        }

        long loadId;
        await using (var insert = change.Command($"""
            insert into pending_loads (card_uid, amount, status, funding_account, payment_id, created_at, expires_at, why)
            values (@uid, @amount, @status, @funding, @payment, @at, @expires, @why)
            returning load_id
            """))
        {
            insert.With("uid", uid).With("amount", amount).With("status", PendingLoadStatuses.Pending).With("funding", fundingAccount)
                .With("payment", paymentId).With("at", change.Now).With("expires", expiresAt.ToUnixTimeMilliseconds()).With("why", why);
            loadId = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellation));
        }

        await LedgerTransferWriter.PostAsync(change, new LedgerPosting("load_pending", fundingAccount, LedgerAccounts.LoadsPending, amount),
            SourceKey(loadId), CreatedLeg, cancellation);
        await change.AuditAsync("load.create", SourceKey(loadId), why,
            $"card {uid}, {amount} cents from {fundingAccount}, expires {expiresAt.UtcDateTime:O}", cancellation);
        return loadId;
    }

    /// <summary>
    /// Takes a pending load back before any card took it: its amount returns to its funding account and it is
    /// withdrawn for good. False, changing nothing, when there is no such load or it is no longer pending.
    /// </summary>
    public static async Task<bool> WithdrawAsync(ChangeContext change, long loadId, string why, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(why);
        string fundingAccount;
        long amount;
        // The conditional update is the lock: of two withdrawals (or a withdrawal and an application) racing on
        // one load, one changes the row and the other finds it no longer pending.
        await using (var update = change.Command("""
            update pending_loads set status = @withdrawn where load_id = @id and status = @pending
            returning funding_account, amount
            """))
        {
            update.With("withdrawn", PendingLoadStatuses.Withdrawn).With("id", loadId).With("pending", PendingLoadStatuses.Pending);
            await using var reader = await update.ExecuteReaderAsync(cancellation);
            if (!await reader.ReadAsync(cancellation))
            {
                return false;
            }

            fundingAccount = reader.GetString(0);
            amount = reader.GetInt64(1);
        }

        await LedgerTransferWriter.PostAsync(change, new LedgerPosting("load_withdrawn", LedgerAccounts.LoadsPending, fundingAccount, amount),
            SourceKey(loadId), ReleasedLeg, cancellation);
        await change.AuditAsync("load.withdraw", SourceKey(loadId), why, $"{amount} cents back to {fundingAccount}", cancellation);
        return true;
    }

    public static async Task<PendingLoad?> ReadAsync(DbDataSource dataSource, long loadId, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from pending_loads where load_id = @id");
        command.With("id", loadId);
        return (await QueryAsync(command, cancellation)).SingleOrDefault();
    }

    /// <summary>The load in the change's transaction (e.g. to decide on it before withdrawing it).</summary>
    public static async Task<PendingLoad?> ReadAsync(ChangeContext change, long loadId, CancellationToken cancellation)
    {
        await using var command = change.Command($"select {Columns} from pending_loads where load_id = @id");
        command.With("id", loadId);
        return (await QueryAsync(command, cancellation)).SingleOrDefault();
    }

    /// <summary>The load created for a payment, if any.</summary>
    public static async Task<PendingLoad?> ReadForPaymentAsync(ChangeContext change, string paymentId, CancellationToken cancellation)
    {
        await using var command = change.Command($"select {Columns} from pending_loads where payment_id = @payment");
        command.With("payment", paymentId);
        return (await QueryAsync(command, cancellation)).SingleOrDefault();
    }

    public static async Task<PendingLoad?> ReadForPaymentAsync(DbDataSource dataSource, string paymentId, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from pending_loads where payment_id = @payment");
        command.With("payment", paymentId);
        return (await QueryAsync(command, cancellation)).SingleOrDefault();
    }

    /// <summary>Every load still pending, oldest first; only the card's when <paramref name="cardUid"/> is given.</summary>
    public static async Task<IReadOnlyList<PendingLoad>> ListPendingAsync(DbDataSource dataSource, string? cardUid, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            $"select {Columns} from pending_loads where status = @pending{(cardUid is null ? "" : " and card_uid = @uid")} order by load_id");
        command.With("pending", PendingLoadStatuses.Pending);
        if (cardUid is not null)
        {
            command.With("uid", cardUid.ToUpperInvariant());
        }

        return await QueryAsync(command, cancellation);
    }

    /// <summary>The card's latest loads in any state, newest first: what the passenger's page shows as pending and applied.</summary>
    public static async Task<IReadOnlyList<PendingLoad>> ListForCardAsync(DbDataSource dataSource, string cardUid, int limit, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from pending_loads where card_uid = @uid order by load_id desc limit @limit");
        command.With("uid", cardUid.ToUpperInvariant()).With("limit", limit);
        return await QueryAsync(command, cancellation);
    }

    private static async Task<IReadOnlyList<PendingLoad>> QueryAsync(DbCommand command, CancellationToken cancellation)
    {
        var loads = new List<PendingLoad>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            loads.Add(new PendingLoad(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                reader.IsDBNull(8) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
                reader.IsDBNull(9) ? null : reader.GetInt64(9), reader.IsDBNull(10) ? null : reader.GetInt64(10),
                reader.GetString(11)));
        }

        return loads;
    }
}
