namespace Backend.Ingest.Payments;

/// <summary>A webhook delivery that is not a genuine, fresh, well-formed event of the provider: answered 400, changes nothing.</summary>
public sealed class WebhookRejectedException(string reason, Exception? inner = null) : Exception(reason, inner);
