namespace Backend.Ingest.Storage;

/// <summary>A terminal's highest sequence among the batches of one commit.</summary>
public sealed record TerminalHighWater(uint TerminalId, uint HighWater);
