using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Backend.Ingest.Api;

namespace Backend.Ingest.Passenger;

/// <summary>
/// The code printed on a card or an account letter, which proves its holder on the self-service pages: HMAC-SHA256
/// of the subject (<c>card:UID</c>, <c>account:ID</c>) under the installation's secret, as 9 digits and a Luhn check
/// digit. Derived, not stored, so every card already issued has one; the secret (<c>passenger_secrets</c>, schema
/// 0013) is drawn once by the first backend that needs it and read back by every other and after every restart.
/// </summary>
public sealed class HolderCodes(DbDataSource dataSource, TimeProvider clock)
{
    public const int Digits = 10;

    private const string SecretName = "holder-code";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _secret;

    /// <summary>The code of <paramref name="subject"/>, grouped for print: <c>12345 67890</c>.</summary>
    public async Task<string> CodeAsync(string subject, CancellationToken cancellation)
    {
        var code = await DigitsOfAsync(subject, cancellation);
        return $"{code[..5]} {code[5..]}";
    }

    /// <summary>Whether <paramref name="digits"/> (10 digits, normalized) is the code of <paramref name="subject"/>, compared in constant time.</summary>
    public async Task<bool> MatchesAsync(string subject, string digits, CancellationToken cancellation) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(await DigitsOfAsync(subject, cancellation)), Encoding.ASCII.GetBytes(digits));

    /// <summary>
    /// The 10 digits a passenger typed, without spaces or dashes; null when they are not 10 digits or the check digit
    /// says one is mistyped (such a code is never right, so it is refused without counting as a guess).
    /// </summary>
    public static string? Normalize(string? typed)
    {
        var digits = new string((typed ?? "").Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length == Digits && digits.All(char.IsAsciiDigit) && LuhnDigit(digits[..^1]) == digits[^1] ? digits : null;
    }

    /// <summary>The Luhn check digit of <paramref name="body"/> (ISO/IEC 7812-1): catches any single mistyped digit and most swaps of two.</summary>
    public static char LuhnDigit(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var digit = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                digit -= digit > 9 ? 9 : 0;
            }

            sum += digit;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }

    private async Task<string> DigitsOfAsync(string subject, CancellationToken cancellation)
    {
        var mac = HMACSHA256.HashData(await SecretAsync(cancellation), Encoding.UTF8.GetBytes(subject));
        // 64 bits reduced mod 10^9: the bias (2^64 is not a multiple of 10^9) is below 10^-10, nothing a guesser can use.
        var body = (BitConverter.ToUInt64(mac, 0) % 1_000_000_000UL).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        return body + LuhnDigit(body);
    }

    private async Task<byte[]> SecretAsync(CancellationToken cancellation)
    {
        if (_secret is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(cancellation);
        try
        {
            if (_secret is null)
            {
                // Two backends starting together both offer a secret; the table's key keeps the first, and both read it back.
                await using (var offer = dataSource.CreateCommand(
                    "insert into passenger_secrets (name, secret, created_at) values (@name, @secret, @at) on conflict (name) do nothing"))
                {
                    offer.With("name", SecretName).With("secret", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))
                        .With("at", clock.GetUtcNow().ToUnixTimeMilliseconds());
                    await offer.ExecuteNonQueryAsync(cancellation);
                }

                await using var read = dataSource.CreateCommand("select secret from passenger_secrets where name = @name");
                read.With("name", SecretName);
                _secret = Convert.FromBase64String((string)(await read.ExecuteScalarAsync(cancellation))!);
            }

            return _secret;
        }
        finally
        {
            _gate.Release();
        }
    }
}
