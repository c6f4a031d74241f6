using System.Diagnostics.Metrics;
using Backend.Ingest.Storage;

namespace Backend.Ingest.Ingest;

/// <summary>
/// What the ingest workers of this process did since it started: served as JSON on GET /api/ingest/counters and
/// as observable counters of the Meter "BusFare.Ingest" (names busfare.ingest.*), both read from the same fields.
/// </summary>
public sealed class IngestCounters : IConnectionCounters
{
    public const string MeterName = "BusFare.Ingest";

    private long _batchesStored;
    private long _recordsInserted;
    private long _duplicateRecords;
    private long _malformed;
    private long _oversized;
    private long _foreignTopic;
    private long _unparseableTopic;
    private long _storeFailures;
    private long _reconnects;
    private long _connectedWorkers;

    public IngestCounters(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("busfare.ingest.batches_stored", () => Read(ref _batchesStored), "{batch}", "Batches committed and acknowledged");
        meter.CreateObservableCounter("busfare.ingest.records_inserted", () => Read(ref _recordsInserted), "{record}", "Records new to the store");
        meter.CreateObservableCounter("busfare.ingest.duplicate_records", () => Read(ref _duplicateRecords), "{record}", "Records the store already had");
        meter.CreateObservableCounter("busfare.ingest.malformed", () => Read(ref _malformed), "{message}", "Batches the codec refused");
        meter.CreateObservableCounter("busfare.ingest.oversized", () => Read(ref _oversized), "{message}", "Payloads larger than any batch");
        meter.CreateObservableCounter("busfare.ingest.foreign_topic", () => Read(ref _foreignTopic), "{message}", "Batches of another terminal than the topic's");
        meter.CreateObservableCounter("busfare.ingest.unparseable_topic", () => Read(ref _unparseableTopic), "{message}", "Messages on a topic naming no terminal");
        meter.CreateObservableCounter("busfare.ingest.store_failures", () => Read(ref _storeFailures), "{failure}", "Commits that failed and were retried");
        meter.CreateObservableCounter("busfare.ingest.reconnects", () => Read(ref _reconnects), "{connection}", "Broker connections re-established after a loss");
        meter.CreateObservableUpDownCounter("busfare.ingest.connected_workers", () => Read(ref _connectedWorkers), "{worker}", "Workers connected and subscribed");
    }

    public void Stored(StoredBatch batch)
    {
        Interlocked.Increment(ref _batchesStored);
        Interlocked.Add(ref _recordsInserted, batch.Inserted);
        Interlocked.Add(ref _duplicateRecords, batch.Duplicates);
    }

    public void Refused(IngestRefusal refusal)
    {
        switch (refusal)
        {
            case IngestRefusal.Oversized:
                Interlocked.Increment(ref _oversized);
                break;
            case IngestRefusal.Malformed:
                Interlocked.Increment(ref _malformed);
                break;
            case IngestRefusal.ForeignTopic:
                Interlocked.Increment(ref _foreignTopic);
                break;
            default:
                Interlocked.Increment(ref _unparseableTopic);
                break;
        }
    }

    public void StoreFailed() => Interlocked.Increment(ref _storeFailures);

    public void Reconnected() => Interlocked.Increment(ref _reconnects);

    public void Subscribed() => Interlocked.Increment(ref _connectedWorkers);

    public void Disconnected() => Interlocked.Decrement(ref _connectedWorkers);

    public IngestCountersSnapshot Snapshot() => new(
        Read(ref _batchesStored), Read(ref _recordsInserted), Read(ref _duplicateRecords), Read(ref _malformed), Read(ref _oversized),
        Read(ref _foreignTopic), Read(ref _unparseableTopic), Read(ref _storeFailures), Read(ref _reconnects), Read(ref _connectedWorkers));

    private static long Read(ref long field) => Interlocked.Read(ref field);
}

/// <summary>The counters at one moment (serialized in camelCase: batchesStored, recordsInserted, ...).</summary>
public sealed record IngestCountersSnapshot(
    long BatchesStored,
    long RecordsInserted,
    long DuplicateRecords,
    long Malformed,
    long Oversized,
    long ForeignTopic,
    long UnparseableTopic,
    long StoreFailures,
    long Reconnects,
    long ConnectedWorkers);
