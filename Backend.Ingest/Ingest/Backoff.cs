namespace Backend.Ingest.Ingest;

/// <summary>A doubling delay between retries, from <c>first</c> up to <c>max</c>, back to <c>first</c> after a success.</summary>
public sealed class Backoff(TimeSpan first, TimeSpan max)
{
    private readonly TimeSpan _first = first;
    private TimeSpan _next = first;

    /// <summary>The delay to wait now; the one after it is twice as long, up to the maximum.</summary>
    public TimeSpan Next()
    {
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(max.Ticks, _next.Ticks * 2));
        return delay;
    }

    public void Reset() => _next = _first;
}
