using Backend.Ingest.Hosting;
using Backend.Ingest.Storage;
using MQTTnet;

namespace Backend.Ingest.Ingest;

/// <summary>
/// One ingest worker: its own broker connection, its own store connection, and the group commit between them.
/// Messages that fail <see cref="BatchIntake"/> are logged once, counted, PUBACKed (so the broker drops them) and
/// never stored nor acknowledged to the terminal.
/// </summary>
public sealed class IngestWorker(
    string clientId, string topicFilter, IBrokerEndpoint endpoint, TransactionStoreFactory stores, IngestCounters counters,
    ILogger logger, int maxGroupBatches)
{
    public async Task RunAsync(CancellationToken cancellation)
    {
        await using var store = stores.Create();
        await InitializeAsync(store, cancellation);

        // The connection hands messages to the committer, which answers through the connection: tie the knot.
        GroupCommitter? committer = null;
        BrokerConnection? link = null;
        using var connection = link = new BrokerConnection(endpoint, clientId, topicFilter, counters, logger,
            (message, generation) => OnMessageAsync(message, generation, link!, committer!, cancellation));
        committer = new GroupCommitter(store, connection, counters, logger, maxGroupBatches);
        try
        {
            await Task.WhenAll(connection.RunAsync(cancellation), committer.RunAsync(cancellation));
        }
        finally
        {
            await connection.DisconnectAsync();
        }
    }

    private async Task OnMessageAsync(
        MqttApplicationMessageReceivedEventArgs e, int generation, BrokerConnection connection, GroupCommitter committer, CancellationToken cancellation)
    {
        var topic = e.ApplicationMessage.Topic;
        var verdict = BatchIntake.Inspect(topic, e.ApplicationMessage.Payload);
        if (verdict.Batch is { } batch)
        {
            committer.Enqueue(new PendingBatch(batch, e, generation));
            return;
        }

        counters.Refused(verdict.Refusal!.Value);
        logger.LogWarning("Refused a message on {Topic} ({Refusal}), not stored, not acknowledged: {Reason}", topic, verdict.Refusal, verdict.Reason);
        await connection.AcknowledgeAsync(e, generation, cancellation);
    }

    /// <summary>Creates the schema, waiting for the database as long as it takes: nothing is subscribed before it is there.</summary>
    private Task InitializeAsync(ITransactionStore store, CancellationToken cancellation) =>
        DatabaseRetry.UntilDoneAsync(() => store.InitializeAsync(cancellation), (e, delay) =>
        {
            counters.StoreFailed();
            logger.LogWarning("Ingest worker {ClientId} cannot open its store; retrying in {Delay} ms: {Reason}", clientId, delay.TotalMilliseconds, e.Message);
        }, cancellation);
}
