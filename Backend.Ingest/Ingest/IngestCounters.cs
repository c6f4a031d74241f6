using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Backend.Ingest.Storage;

namespace Backend.Ingest.Ingest;

/// <summary>
/// What the ingest workers of this process did since it started: served as JSON on GET /api/ingest/counters and
/// as observable counters of the Meter "BusFare.Ingest" (names busfare.ingest.*), both read from the same fields;
/// also the batches waiting for their commit (the ingest lag) and the histogram of their ack latency.
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

    /// <summary>Received, not yet committed and acknowledged: the batch and when it arrived.</summary>
    private readonly ConcurrentDictionary<PendingBatch, long> _waiting = new(ReferenceEqualityComparer.Instance);

    private readonly Histogram<double> _ackLatency;

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
        meter.CreateObservableGauge("busfare.ingest.waiting_batches", () => WaitingBatches, "{batch}", "Batches received and not yet committed and acknowledged");
        meter.CreateObservableGauge("busfare.ingest.lag", () => OldestWaitingAge.TotalSeconds, "s", "How long the oldest waiting batch has waited");
        _ackLatency = meter.CreateHistogram("busfare.ingest.ack_latency", "s", "From a batch's arrival to its ack's publication, commit included",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
    }

    /// <summary>Batches received and not yet answered.</summary>
    public int WaitingBatches => _waiting.Count;

    /// <summary>How long the oldest waiting batch has waited; zero when none waits.</summary>
    public TimeSpan OldestWaitingAge
    {
        get
        {
            // Values is a snapshot: the dictionary may empty between a check and the Min, so the default covers that too.
            var oldest = _waiting.Values.DefaultIfEmpty(long.MaxValue).Min();
            return oldest == long.MaxValue ? TimeSpan.Zero : Stopwatch.GetElapsedTime(oldest);
        }
    }

    /// <summary>A batch passed intake and waits for its group's commit.</summary>
    public void Waiting(PendingBatch pending) => _waiting[pending] = pending.ReceivedAt;

    /// <summary>A committed batch's ack was published (its latency is recorded) or could not be (the terminal resends).</summary>
    public void Answered(PendingBatch pending, bool published)
    {
        _waiting.TryRemove(pending, out _);
        if (published)
        {
            _ackLatency.Record(Stopwatch.GetElapsedTime(pending.ReceivedAt).TotalSeconds);
        }
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
