using Microsoft.Extensions.Options;

namespace Backend.Ingest.Payments.Sandbox;

/// <summary>
/// Delivers the sandbox's events the way real providers do: at least once, over HTTP, each attempt signed at the
/// moment it is sent. A delivery waits a random while first (so events arrive late and out of order), is repeated
/// with probability <see cref="SandboxOptions.DuplicateRate"/>, and a failed attempt (no answer or not 2xx) is
/// retried after a delay that doubles each time, up to <see cref="SandboxOptions.MaxAttempts"/>. Its randomness is
/// seeded (<see cref="SandboxOptions.Seed"/>), so a run can be repeated.
/// </summary>
public sealed class SandboxWebhookDelivery : IHostedService, IDisposable
{
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(1);

    private readonly SandboxOptions _options;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _running = [];
    private readonly ILogger<SandboxWebhookDelivery> _log;
    private readonly TimeProvider _clock;
    private long _attempts;
    private long _delivered;
    private long _abandoned;

    /// <summary>Signs by <paramref name="clock"/>, the backend's own, so a backend on a simulated clock accepts the timestamps.</summary>
    public SandboxWebhookDelivery(IOptions<PaymentOptions> options, TimeProvider clock, ILogger<SandboxWebhookDelivery> log)
    {
        _clock = clock;
        _options = options.Value.Sandbox;
        _random = new Random(_options.Seed);
        _log = log;
    }

    /// <summary>HTTP requests made, events acknowledged (each copy counted), and events given up on after every retry failed.</summary>
    public (long Attempts, long Delivered, long Abandoned) Counts =>
        (Interlocked.Read(ref _attempts), Interlocked.Read(ref _delivered), Interlocked.Read(ref _abandoned));

    /// <summary>Deliveries not yet acknowledged or abandoned.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                _running.RemoveAll(t => t.IsCompleted);
                return _running.Count;
            }
        }
    }

    public void Enqueue(string body, string secret, string url)
    {
        lock (_gate)
        {
            _running.RemoveAll(t => t.IsCompleted);
            var copies = _random.NextDouble() < _options.DuplicateRate ? 2 : 1;
            for (var copy = 0; copy < copies; copy++)
            {
                var delay = TimeSpan.FromMilliseconds(_random.Next(0, Math.Max(0, _options.MaxDelayMilliseconds) + 1));
                _running.Add(Task.Run(() => DeliverAsync(body, secret, url, delay, _stopping.Token)));
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        Task[] running;
        lock (_gate)
        {
            running = _running.ToArray();
        }

        await Task.WhenAll(running).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _http.Dispose();
    }

    private async Task DeliverAsync(string body, string secret, string url, TimeSpan firstDelay, CancellationToken stopping)
    {
        var wait = firstDelay;
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            try
            {
                await Task.Delay(wait, stopping);
                Interlocked.Increment(ref _attempts);
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
                request.Headers.TryAddWithoutValidation(WebhookVerifier.SignatureHeader, SandboxSigner.Sign(body, secret, _clock.GetUtcNow()));
                using var response = await _http.SendAsync(request, stopping);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _delivered);
                    return;
                }

                _log.LogInformation("Sandbox webhook attempt {Attempt} answered {Status}; retrying", attempt, (int)response.StatusCode);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                _log.LogInformation("Sandbox webhook attempt {Attempt} failed: {Error}; retrying", attempt, e.Message);
            }

            var retry = TimeSpan.FromMilliseconds(_options.RetryMilliseconds * Math.Pow(2, attempt - 1));
            wait = retry < LongestRetry ? retry : LongestRetry;
        }

        Interlocked.Increment(ref _abandoned);
        _log.LogWarning("Sandbox webhook to {Url} abandoned after {Attempts} attempts", url, _options.MaxAttempts);
    }
}
