using System.Diagnostics;
using Backend.Ingest.Hosting;
using Backend.Ingest.Storage;
using Backend.Ingest.Storage.Schema;
using MQTTnet;

namespace Backend.Ingest.Ingest;

/// <summary>
/// One ingest worker: its own broker connection, its own store connection, and the group commit between them.
/// Messages that fail <see cref="BatchIntake"/> are logged once, counted, PUBACKed (so the broker drops them) and
/// never stored nor acknowledged to the terminal.
/// </summary>
public sealed class IngestWorker(
    string clientId, string topicFilter, IBrokerEndpoint endpoint, StoreDatabase database, SchemaReadiness schema, IngestCounters counters,
    ILogger logger, int maxGroupBatches)
{
    public async Task RunAsync(CancellationToken cancellation)
    {
        // Nothing is subscribed before the schema is there: a batch taken now would have nowhere to go.
        await schema.WaitAsync(cancellation);
        await using var store = database.CreateTransactionStore();

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
            var pending = new PendingBatch(batch, e, generation, Stopwatch.GetTimestamp());
            counters.Waiting(pending);
            committer.Enqueue(pending);
            return;
        }

        counters.Refused(verdict.Refusal!.Value);
        logger.LogWarning("Refused a message on {Topic} ({Refusal}), not stored, not acknowledged: {Reason}", topic, verdict.Refusal, verdict.Reason);
        await connection.AcknowledgeAsync(e, generation, cancellation);
    }
}
