namespace Backend.Ingest.Privacy;

/// <summary>The database holds contacts sealed under another privacy key than the one the backend was given.</summary>
public sealed class PrivacyKeyMismatchException(string message, Exception? inner = null) : Exception(message, inner);
