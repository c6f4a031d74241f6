namespace Backend.Ingest.Storage.Schema;

/// <summary>A migration script failed and was rolled back; the message names the script and the database's reason.</summary>
public sealed class SchemaMigrationException(string message, Exception inner) : Exception(message, inner);
