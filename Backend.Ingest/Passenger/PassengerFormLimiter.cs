using System.Threading.RateLimiting;
using Backend.Ingest.Feedback;

namespace Backend.Ingest.Passenger;

/// <summary>
/// The feedback form's submissions per client address and minute: the same limit as the API's
/// (<see cref="FeedbackServices.SubmissionsPerMinuteKey"/>), counted on the form's POST only, so reading the form is free.
/// </summary>
public sealed class PassengerFormLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public PassengerFormLimiter(IConfiguration configuration)
    {
        PerMinute = Math.Max(1, configuration.GetValue(FeedbackServices.SubmissionsPerMinuteKey, 5));
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = PerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public int PerMinute { get; }

    public bool TryAcquire(HttpContext http)
    {
        using var lease = _limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
