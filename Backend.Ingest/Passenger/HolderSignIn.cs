using System.Data.Common;
using System.Threading.RateLimiting;
using Backend.Ingest.Api;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Passenger;

/// <summary>
/// Checks a card or account number with its printed code (<see cref="HolderCodes"/>) and counts wrong codes per
/// number in <c>holder_code_failures</c> (schema 0013), whether the number exists or not: after
/// <see cref="PassengerOptions.MaxWrongCodes"/> wrong codes it is locked for <see cref="PassengerOptions.LockoutMinutes"/>,
/// and each further wrong code before a right one locks it again, so online guessing of the 10^9 codes of one card
/// gets about 100 tries a day. Each client address may also make only <see cref="PassengerOptions.SignInsPerMinute"/>
/// checks a minute, across all numbers.
/// </summary>
public sealed class HolderSignIn : IDisposable
{
    private readonly DbDataSource _dataSource;
    private readonly HolderCodes _codes;
    private readonly TimeProvider _clock;
    private readonly PassengerOptions _options;
    private readonly PartitionedRateLimiter<string> _perAddress;

    public HolderSignIn(DbDataSource dataSource, HolderCodes codes, TimeProvider clock, IOptions<PassengerOptions> options)
    {
        _dataSource = dataSource;
        _codes = codes;
        _clock = clock;
        _options = options.Value;
        var perMinute = Math.Max(1, _options.SignInsPerMinute);
        _perAddress = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public async Task<HolderCheck> CheckAsync(HttpContext http, string subject, string? typedCode, CancellationToken cancellation)
    {
        using (var lease = _perAddress.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown"))
        {
            if (!lease.IsAcquired)
            {
                return HolderCheck.TooManyTries;
            }
        }

        if (HolderCodes.Normalize(typedCode) is not { } digits)
        {
            return HolderCheck.Malformed;
        }

        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var locked = _dataSource.CreateCommand("select count(*) from holder_code_failures where subject = @subject and locked_until > @now"))
        {
            locked.With("subject", subject).With("now", now);
            if (Convert.ToInt64(await locked.ExecuteScalarAsync(cancellation)) > 0)
            {
                return HolderCheck.LockedOut;
            }
        }

        if (await _codes.MatchesAsync(subject, digits, cancellation))
        {
            await using var forget = _dataSource.CreateCommand("delete from holder_code_failures where subject = @subject");
            await forget.With("subject", subject).ExecuteNonQueryAsync(cancellation);
            return HolderCheck.Accepted;
        }

        return await CountWrongAsync(subject, now, cancellation) >= _options.MaxWrongCodes ? HolderCheck.LockedOut : HolderCheck.Refused;
    }

    public void Dispose() => _perAddress.Dispose();

    /// <summary>One more wrong code for the subject, in one statement so that racing guesses are all counted; the count after it.</summary>
    private async Task<long> CountWrongAsync(string subject, long now, CancellationToken cancellation)
    {
        var max = Math.Max(1, _options.MaxWrongCodes);
        await using var count = _dataSource.CreateCommand("""
            insert into holder_code_failures (subject, failures, locked_until, last_failure_at)
            values (@subject, 1, case when 1 >= @max then @until else 0 end, @now)
            on conflict (subject) do update set
                failures = holder_code_failures.failures + 1,
                locked_until = case when holder_code_failures.failures + 1 >= @max then @until else holder_code_failures.locked_until end,
                last_failure_at = @now
            returning failures
            """);
        count.With("subject", subject).With("max", max).With("until", now + (_options.LockoutMinutes * 60_000L)).With("now", now);
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellation));
    }
}
