using Backend.Ingest.Storage;
using MQTTnet;

namespace Backend.Ingest.Ingest;

/// <summary>A batch waiting for its group's commit, with the message whose PUBACK waits for it and the connection it came on.</summary>
public sealed record PendingBatch(BatchToStore Batch, MqttApplicationMessageReceivedEventArgs Message, int Generation);
