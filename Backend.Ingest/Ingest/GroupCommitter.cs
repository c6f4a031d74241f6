using System.Threading.Channels;
using Backend.Ingest.Storage;

namespace Backend.Ingest.Ingest;

/// <summary>
/// Commits what the worker's connection received, as many batches per database transaction as are waiting (up to
/// a limit): one commit, then every batch's ack to its terminal, then its PUBACK to the broker. A commit that fails
/// is retried with a doubling back-off (0.25 s to 10 s) until it succeeds; nothing is acknowledged before, so
/// nothing is dropped, and the broker's and terminals' resends meet the store's insert-or-ignore.
/// </summary>
public sealed class GroupCommitter(ITransactionStore store, BrokerConnection broker, IngestCounters counters, ILogger logger, int maxGroupBatches)
{
    private readonly Channel<PendingBatch> _queue = Channel.CreateUnbounded<PendingBatch>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Committed groups whose acks may be travelling at once.</summary>
    private const int MaxGroupsAcking = 8;

    /// <summary>How long the acks of committed groups may still take once the worker is told to stop.</summary>
    public static readonly TimeSpan AckGraceOnStop = TimeSpan.FromSeconds(5);

    public void Enqueue(PendingBatch batch) => _queue.Writer.TryWrite(batch);

    public async Task RunAsync(CancellationToken cancellation)
    {
        // A stop ends the taking of new groups at once, but a committed group's acks are sent whole, within a grace:
        // cut off, they would leave some of its terminals acknowledged and others not, and its messages unconfirmed.
        using var acks = new CancellationTokenSource();
        await using var graceOnStop = cancellation.Register(() => acks.CancelAfter(AckGraceOnStop));

        // The acks of committed groups travel while the next groups commit: waiting for them would leave the
        // database idle for a broker round trip per group. A bound keeps a stalled broker from piling up groups.
        var acking = new Queue<Task>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(cancellation))
            {
                var group = new List<PendingBatch>();
                while (group.Count < maxGroupBatches && _queue.Reader.TryRead(out var next))
                {
                    group.Add(next);
                }

                var stored = await CommitAsync(group, cancellation);
                while (acking.Count >= MaxGroupsAcking || (acking.Count > 0 && acking.Peek().IsCompleted))
                {
                    await acking.Dequeue();
                }

                acking.Enqueue(Task.WhenAll(group.Select((pending, i) => AcknowledgeAsync(pending, stored[i], acks.Token))));
            }
        }
        finally
        {
            await Task.WhenAll(acking);
        }
    }

    private Task<IReadOnlyList<StoredBatch>> CommitAsync(List<PendingBatch> group, CancellationToken cancellation)
    {
        var batches = group.Select(p => p.Batch).ToArray();
        return DatabaseRetry.UntilDoneAsync(() => store.StoreGroupAsync(batches, cancellation), (e, delay) =>
        {
            counters.StoreFailed();
            logger.LogWarning("Commit of {Batches} batches failed, nothing acknowledged; retrying in {Delay} ms: {Reason}", batches.Length, delay.TotalMilliseconds, e.Message);
        }, cancellation);
    }

    private async Task AcknowledgeAsync(PendingBatch pending, StoredBatch stored, CancellationToken cancellation)
    {
        counters.Stored(stored);
        var published = false;
        try
        {
            published = await broker.PublishAckAsync(stored.TerminalId, stored.AckUpTo, cancellation);
        }
        finally
        {
            counters.Answered(pending, published);
        }

        if (published)
        {
            await broker.AcknowledgeAsync(pending.Message, pending.Generation, cancellation);
        }
    }
}
