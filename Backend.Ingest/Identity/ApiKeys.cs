using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;

namespace Backend.Ingest.Identity;

/// <summary>
/// API keys for integrations (<c>api_keys</c>, migration 0007). A key reads <c>bfk_{id}_{secret}</c>: the id finds
/// the row, the secret (256 random bits) is checked against its stored SHA-256 in constant time. Issuing one is a
/// change with its audit row; the key is returned to the caller once and is in no stored answer. A key's row is
/// read again at most every <see cref="Recheck"/> (a revocation takes effect within that), so an integration's
/// burst of calls does not cost a query each.
/// </summary>
public sealed class ApiKeys(DbDataSource dataSource, ChangeRunner changes, TimeProvider clock)
{
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);

    private const string Prefix = "bfk_";
    private const int IdBytes = 8;
    private const int SecretBytes = 32;

    private readonly ConcurrentDictionary<string, CheckedKey> _checked = new(StringComparer.Ordinal);

    /// <summary>Issues a key named <paramref name="name"/> with <paramref name="roles"/>; the key is null on a refusal or a replay.</summary>
    public async Task<(ChangeOutcome Outcome, IssuedApiKey? Key)> IssueAsync(
        ChangeRequest request, string name, IReadOnlyList<string> roles, CancellationToken cancellation)
    {
        IssuedApiKey? issued = null;
        var outcome = await changes.RunAsync(request, async context =>
        {
            var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
            var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
            await using (var insert = context.Command("""
                insert into api_keys (key_id, name, secret_hash, roles, created_at, created_by)
                values (@id, @name, @hash, @roles, @at, @by)
                """))
            {
                insert.With("id", keyId).With("name", name).With("hash", Hash(secret)).With("roles", string.Join(' ', roles))
                    .With("at", context.Now).With("by", context.Request.Actor);
                await insert.ExecuteNonQueryAsync(cancellation);
            }

            await context.AuditAsync("api-key.issue", $"api-key:{keyId}", null, $"name: {name}; roles: {string.Join(", ", roles)}", cancellation);
            issued = new IssuedApiKey(keyId, name, roles, $"{Prefix}{keyId}_{secret}");
            return new ChangeResult(StatusCodes.Status201Created, new { keyId, name, roles });
        }, cancellation);
        return (outcome, outcome.Replayed ? null : issued);
    }

    /// <summary>A key the backend or a program hosting it issues for itself (e.g. the emulator's desk), by <paramref name="actor"/>.</summary>
    public async Task<IssuedApiKey> IssueInternalAsync(string name, IReadOnlyList<string> roles, string actor, CancellationToken cancellation)
    {
        var (outcome, key) = await IssueAsync(ChangeRequests.Internal("api-key.issue", actor, new { name, roles }), name, roles, cancellation);
        return key ?? throw new InvalidOperationException($"The API key '{name}' was not issued: {outcome.Body}");
    }

    /// <summary>Revokes the key <paramref name="keyId"/>: it is refused from the next check of its row on (within <see cref="Recheck"/>).</summary>
    public Task<ChangeOutcome> RevokeAsync(ChangeRequest request, string keyId, string reason, CancellationToken cancellation) =>
        changes.RunAsync(request, async context =>
        {
            await using var revoke = context.Command("update api_keys set revoked_at = @at, revoked_by = @by where key_id = @id and revoked_at is null");
            revoke.With("at", context.Now).With("by", context.Request.Actor).With("id", keyId);
            if (await revoke.ExecuteNonQueryAsync(cancellation) != 1)
            {
                return ChangeRequests.Problem(StatusCodes.Status404NotFound, "No such live API key.", $"There is no API key '{keyId}' that is not revoked already.");
            }

            _checked.TryRemove(keyId, out _);
            await context.AuditAsync("api-key.revoke", $"api-key:{keyId}", reason, null, cancellation);
            return new ChangeResult(StatusCodes.Status200OK, new { keyId, revoked = true });
        }, cancellation);

    /// <summary>The holder of <paramref name="presented"/>, or null when it is malformed, unknown, wrong or revoked.</summary>
    public async Task<ApiKeyHolder?> AuthenticateAsync(string presented, CancellationToken cancellation)
    {
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal) || presented.IndexOf('_', Prefix.Length) is not (var split and > 0))
        {
            return null;
        }

        var keyId = presented[Prefix.Length..split];
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented[(split + 1)..]));
        var now = clock.GetUtcNow();
        if (!_checked.TryGetValue(keyId, out var known) || now - known.At >= Recheck)
        {
            known = await ReadAsync(keyId, now, cancellation);
            if (known is null)
            {
                _checked.TryRemove(keyId, out _);
                return null;
            }

            _checked[keyId] = known;
        }

        return CryptographicOperations.FixedTimeEquals(known.SecretHash, hash) ? known.Holder : null;
    }

    private async Task<CheckedKey?> ReadAsync(string keyId, DateTimeOffset now, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand("select name, secret_hash, roles from api_keys where key_id = @id and revoked_at is null");
        command.With("id", keyId);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation)
            ? new CheckedKey(new ApiKeyHolder(keyId, reader.GetString(0), reader.GetString(2).Split(' ', StringSplitOptions.RemoveEmptyEntries)),
                Convert.FromHexString(reader.GetString(1)), now)
            : null;
    }

    private sealed record CheckedKey(ApiKeyHolder Holder, byte[] SecretHash, DateTimeOffset At);

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
