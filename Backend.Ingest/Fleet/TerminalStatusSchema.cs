using Backend.Ingest.Ingest;
using Microsoft.Extensions.Hosting;

namespace Backend.Ingest.Fleet;

/// <summary>
/// Creates <c>terminal_status</c> when the host starts, before the status consumer or the API touch it. A database
/// that is down then does not stop the backend (the ingest workers wait for it too): creation is retried in the
/// background with a doubling back-off (0.25 s to 10 s), and what needs the table meanwhile retries or fails alone.
/// </summary>
internal sealed class TerminalStatusSchema(TerminalStatusStore store, ILogger<TerminalStatusSchema> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _retrying = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.InitializeAsync(cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Cannot create terminal_status yet; retrying in the background: {Reason}", e.Message);
            _retrying = RetryAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _retrying;
        }
        catch (OperationCanceledException)
        {
            // Stopped before the database came back; the next start tries again.
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RetryAsync(CancellationToken cancellation)
    {
        var backoff = new Backoff(DatabaseRetry.FirstDelay, DatabaseRetry.MaxDelay);
        while (true)
        {
            await Task.Delay(backoff.Next(), cancellation);
            try
            {
                await store.InitializeAsync(cancellation);
                logger.LogInformation("Created terminal_status once the database answered");
                return;
            }
            catch (Exception e) when (!cancellation.IsCancellationRequested)
            {
                logger.LogWarning("Cannot create terminal_status yet: {Reason}", e.Message);
            }
        }
    }
}
