using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Ledger;

namespace Backend.Ingest.Loads;

/// <summary>
/// Loads nobody picked up in time: each pending load past its <c>expires_at</c> becomes expired in its own change,
/// its amount back to its funding account (<see cref="LedgerAccounts.LoadsPending"/> to the funding account, leg
/// <see cref="PendingLoads.ReleasedLeg"/>, so a load is released once whether withdrawn or expired) with an audit
/// row; the payments side refunds the payer from there, and the next list version withdraws it from the fleet.
/// </summary>
public static class PendingLoadExpiry
{
    public const string Operation = "load.expire";

    /// <summary>Expires every load due at <paramref name="now"/>; how many it expired.</summary>
    public static async Task<int> ExpireDueAsync(DbDataSource dataSource, ChangeRunner runner, DateTimeOffset now, CancellationToken cancellation)
    {
        var due = new List<long>();
        await using (var select = dataSource.CreateCommand("select load_id from pending_loads where status = 'pending' and expires_at <= @now order by load_id"))
        {
            select.With("now", now.ToUnixTimeMilliseconds());
            await using var reader = await select.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                due.Add(reader.GetInt64(0));
            }
        }

        int expired = 0;
        foreach (var loadId in due)
        {
            var outcome = await runner.RunAsync(ChangeRequests.Internal(Operation, "system:load-expiry", new { loadId }),
                async change => await ExpireAsync(change, loadId, cancellation)
                    ? new ChangeResult(StatusCodes.Status200OK, new { loadId })
                    : ChangeRequests.Problem(StatusCodes.Status409Conflict, "Load not pending", $"load {loadId} was applied or withdrawn meanwhile"),
                cancellation);
            expired += outcome.Status == StatusCodes.Status200OK ? 1 : 0;
        }

        return expired;
    }

    private static async Task<bool> ExpireAsync(ChangeContext change, long loadId, CancellationToken cancellation)
    {
        string fundingAccount;
        long amount;
        await using (var update = change.Command("""
            update pending_loads set status = 'expired' where load_id = @id and status = 'pending' and expires_at <= @now
            returning funding_account, amount
            """))
        {
            update.With("id", loadId).With("now", change.Now);
            await using var reader = await update.ExecuteReaderAsync(cancellation);
            if (!await reader.ReadAsync(cancellation))
            {
                return false;
            }

            fundingAccount = reader.GetString(0);
            amount = reader.GetInt64(1);
        }

        await LedgerTransferWriter.PostAsync(change, new LedgerPosting("load_expired", LedgerAccounts.LoadsPending, fundingAccount, amount),
            PendingLoads.SourceKey(loadId), PendingLoads.ReleasedLeg, cancellation);
        await change.AuditAsync(Operation, PendingLoads.SourceKey(loadId), "not picked up before it expired", $"{amount} cents back to {fundingAccount}", cancellation);
        return true;
    }
}
