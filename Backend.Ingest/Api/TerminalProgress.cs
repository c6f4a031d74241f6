namespace Backend.Ingest.Api;

/// <summary>How far a terminal's journal has been stored: its highest sequence and when its last batch was committed.</summary>
internal sealed record TerminalProgress(long HighWater, DateTimeOffset LastBatchAt);
