using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Payments;

/// <summary>
/// How many top-up requests one anonymous client (by IP address) may make per minute
/// (<see cref="PaymentOptions.PassengerRequestsPerMinute"/>): a fixed window per address, from System.Threading.RateLimiting.
/// Signed-in staff are not limited.
/// </summary>
public sealed class PassengerTopUpLimiter(IOptions<PaymentOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.PassengerRequestsPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool TryAcquire(HttpContext http)
    {
        if (http.User.Identity is { IsAuthenticated: true })
        {
            return true;
        }

        using var lease = _limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
