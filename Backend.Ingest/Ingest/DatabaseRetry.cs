namespace Backend.Ingest.Ingest;

/// <summary>
/// Retries a database operation with a doubling back-off (0.25 s to 10 s) until it succeeds or the service stops:
/// ingest and status never drop what they were given because the database is away for a while.
/// </summary>
public static class DatabaseRetry
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(0.25);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    /// <param name="onFailure">Told of each failure and the delay before the next try: count it, log it.</param>
    public static async Task<T> UntilDoneAsync<T>(Func<Task<T>> operation, Action<Exception, TimeSpan> onFailure, CancellationToken cancellation)
    {
        var backoff = new Backoff(FirstDelay, MaxDelay);
        while (true)
        {
            try
            {
                return await operation();
            }
            catch (Exception e) when (!cancellation.IsCancellationRequested)
            {
                var delay = backoff.Next();
                onFailure(e, delay);
                await Task.Delay(delay, cancellation);
            }
        }
    }

    public static Task UntilDoneAsync(Func<Task> operation, Action<Exception, TimeSpan> onFailure, CancellationToken cancellation) =>
        UntilDoneAsync(async () =>
        {
            await operation();
            return true;
        }, onFailure, cancellation);
}
