namespace Backend.Ingest.Changes;

/// <summary>The <c>Idempotency-Key</c> header every changing request carries: 1 to 100 printable ASCII characters.</summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    public const string Rule = "the Idempotency-Key header is required: 1 to 100 printable ASCII characters, new for each new request (a UUID will do)";

    public static bool TryRead(HttpContext context, out string key)
    {
        key = context.Request.Headers[Header].ToString();
        return IsValid(key);
    }

    /// <summary>Whether <paramref name="key"/> may be an idempotency key, wherever it came from (the header, a form's hidden field).</summary>
    public static bool IsValid(string? key) => key is { Length: >= 1 and <= 100 } && key.All(c => c is >= '!' and <= '~');
}
