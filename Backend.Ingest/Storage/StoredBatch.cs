namespace Backend.Ingest.Storage;

/// <summary>What committing one batch did: records new to the store, records it already had, and the ack to send.</summary>
public sealed record StoredBatch(uint TerminalId, int Inserted, int Duplicates, uint AckUpTo);
