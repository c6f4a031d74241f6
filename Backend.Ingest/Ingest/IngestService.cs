using Backend.Ingest.Hosting;
using Backend.Ingest.Storage;
using Backend.Ingest.Storage.Schema;
using Microsoft.Extensions.Options;
using Terminal.Firmware.Journal;

namespace Backend.Ingest.Ingest;

/// <summary>
/// Runs this process's ingest workers. Production: Backend:Ingest:Workers workers on the shared subscription
/// <c>$share/{SharedGroup}/fare/v1/terminals/+/tx</c>, so workers of every process split the batches between them.
/// Embedded: one worker on <c>fare/v1/terminals/+/tx</c>, because MQTTnet's broker has no shared subscriptions.
/// </summary>
public sealed class IngestService(
    IOptions<BackendOptions> options, IBrokerEndpoint endpoint, StoreDatabase database, SchemaReadiness schema, IngestCounters counters, ILogger<IngestService> logger)
    : BackgroundService
{
    public const string TransactionsFilter = UplinkTopics.Prefix + "+/tx";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backend = options.Value;
        var embedded = backend.Mode == BackendMode.Embedded;
        var workers = embedded ? 1 : Math.Max(1, backend.Ingest.Workers);
        var filter = embedded ? TransactionsFilter : $"$share/{backend.Ingest.SharedGroup}/{TransactionsFilter}";
        if (embedded)
        {
            logger.LogInformation(
                "Embedded mode runs a single ingest worker on {Filter}: MQTTnet's broker has no shared subscriptions, so more workers would each receive every batch{Ignored}",
                filter, backend.Ingest.Workers > 1 ? $" (Backend:Ingest:Workers = {backend.Ingest.Workers} ignored)" : "");
        }

        var clientId = backend.Ingest.ClientId ?? $"ingest-{Environment.MachineName}";
        var maxGroup = Math.Max(1, backend.Ingest.MaxGroupBatches);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, workers).Select(n =>
                new IngestWorker(n == 0 ? clientId : $"{clientId}-{n}", filter, endpoint, database, schema, counters, logger, maxGroup).RunAsync(stoppingToken)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Ingest stopped; batches not yet committed stay unacknowledged and will be redelivered");
        }
    }
}
