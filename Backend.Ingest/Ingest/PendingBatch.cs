using Backend.Ingest.Storage;
using MQTTnet;

namespace Backend.Ingest.Ingest;

/// <summary>
/// A batch waiting for its group's commit, with the message whose PUBACK waits for it, the connection it came on, and
/// when it arrived (a <see cref="System.Diagnostics.Stopwatch"/> timestamp: the ack latency and the ingest lag count from it).
/// </summary>
public sealed record PendingBatch(BatchToStore Batch, MqttApplicationMessageReceivedEventArgs Message, int Generation, long ReceivedAt);
