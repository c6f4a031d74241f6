using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Provisioning;
using Microsoft.AspNetCore.Identity;

namespace Backend.Ingest.Identity;

/// <summary>
/// Creating staff members: a change with its audit row, the password hashed by Identity's <see cref="IPasswordHasher{TUser}"/>
/// and marked one-time, so the first sign-in leads to choosing a new one. The one-time password goes back to the
/// caller only: it is in no stored answer and no log.
/// </summary>
public sealed class StaffAccounts(ChangeRunner changes, IPasswordHasher<StaffUser> hasher, ILookupNormalizer normalizer)
{
    /// <summary>
    /// Creates <paramref name="userName"/> with <paramref name="roles"/> and <paramref name="oneTimePassword"/> (generated when null);
    /// the password is null on a refusal or a replay.
    /// </summary>
    public async Task<(ChangeOutcome Outcome, string? OneTimePassword)> CreateAsync(
        ChangeRequest request, string userName, IReadOnlyList<string> roles, string? oneTimePassword, CancellationToken cancellation)
    {
        var password = oneTimePassword ?? Passwords.Generate();
        var created = false;
        var outcome = await changes.RunAsync(request, async context =>
        {
            var user = new StaffUser { UserName = userName, NormalizedUserName = normalizer.NormalizeName(userName), MustChangePassword = true };
            await using (var exists = context.Command("select count(*) from staff_users where normalized_user_name = @name"))
            {
                exists.With("name", user.NormalizedUserName);
                if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellation)) > 0)
                {
                    return ChangeRequests.Problem(StatusCodes.Status409Conflict, "The user name is taken.", $"A staff member named '{userName}' exists already.");
                }
            }

            user.PasswordHash = hasher.HashPassword(user, password);
            await using (var insert = context.Command("""
                insert into staff_users (user_id, user_name, normalized_user_name, password_hash, security_stamp, concurrency_stamp,
                    must_change_password, lockout_enabled, access_failed_count, lockout_end, created_at, created_by)
                values (@id, @name, @normalized, @hash, @stamp, @concurrency, 1, 1, 0, null, @at, @by)
                """))
            {
                insert.With("id", user.Id).With("name", user.UserName).With("normalized", user.NormalizedUserName).With("hash", user.PasswordHash)
                    .With("stamp", user.SecurityStamp).With("concurrency", user.ConcurrencyStamp).With("at", context.Now).With("by", context.Request.Actor);
                await insert.ExecuteNonQueryAsync(cancellation);
            }

            foreach (var role in roles.Distinct(StringComparer.Ordinal))
            {
                await using var grant = context.Command("insert into staff_user_roles (user_id, role) values (@id, @role)");
                grant.With("id", user.Id).With("role", role);
                await grant.ExecuteNonQueryAsync(cancellation);
            }

            await context.AuditAsync("staff.create", $"staff:{userName}", null, $"roles: {string.Join(", ", roles)}", cancellation);
            created = true;
            return new ChangeResult(StatusCodes.Status201Created, new { userName, roles });
        }, cancellation);
        return (outcome, created && !outcome.Replayed ? password : null);
    }
    /// <summary>Replaces <paramref name="userName"/>'s roles; their sessions end (new security stamp) so the new roles apply at once.</summary>
    public Task<ChangeOutcome> SetRolesAsync(ChangeRequest request, string userName, IReadOnlyList<string> roles, string reason, CancellationToken cancellation) =>
        changes.RunAsync(request, async context =>
        {
            if (await UserIdAsync(context, userName, cancellation) is not { } id)
            {
                return Unknown(userName);
            }

            await using (var clear = context.Command("delete from staff_user_roles where user_id = @id"))
            {
                clear.With("id", id);
                await clear.ExecuteNonQueryAsync(cancellation);
            }

            foreach (var role in roles.Distinct(StringComparer.Ordinal))
            {
                await using var grant = context.Command("insert into staff_user_roles (user_id, role) values (@id, @role)");
                grant.With("id", id).With("role", role);
                await grant.ExecuteNonQueryAsync(cancellation);
            }

            await NewStampAsync(context, id, cancellation);
            await context.AuditAsync("staff.roles", $"staff:{userName}", reason, $"roles: {string.Join(", ", roles)}", cancellation);
            return new ChangeResult(StatusCodes.Status200OK, new { userName, roles });
        }, cancellation);

    /// <summary>
    /// Locks <paramref name="userName"/> until an admin unlocks them (their sessions end), or unlocks them (the count of
    /// wrong passwords starts again).
    /// </summary>
    public Task<ChangeOutcome> SetLockedAsync(ChangeRequest request, string userName, bool locked, string reason, CancellationToken cancellation) =>
        changes.RunAsync(request, async context =>
        {
            if (await UserIdAsync(context, userName, cancellation) is not { } id)
            {
                return Unknown(userName);
            }

            await using (var lockout = context.Command("update staff_users set lockout_end = @end, access_failed_count = 0 where user_id = @id"))
            {
                lockout.With("end", locked ? DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() : null).With("id", id);
                await lockout.ExecuteNonQueryAsync(cancellation);
            }

            await NewStampAsync(context, id, cancellation);
            await context.AuditAsync(locked ? "staff.lock" : "staff.unlock", $"staff:{userName}", reason, null, cancellation);
            return new ChangeResult(StatusCodes.Status200OK, new { userName, locked });
        }, cancellation);

    private static ChangeResult Unknown(string userName) =>
        ChangeRequests.Problem(StatusCodes.Status404NotFound, "Unknown staff member.", $"There is no staff member named '{userName}'.");

    private async Task<string?> UserIdAsync(ChangeContext context, string userName, CancellationToken cancellation)
    {
        await using var find = context.Command("select user_id from staff_users where normalized_user_name = @name");
        find.With("name", normalizer.NormalizeName(userName));
        return await find.ExecuteScalarAsync(cancellation) as string;
    }

    /// <summary>A new security stamp: Identity ends the user's sessions at their next check.</summary>
    private static async Task NewStampAsync(ChangeContext context, string id, CancellationToken cancellation)
    {
        await using var update = context.Command("update staff_users set security_stamp = @stamp, concurrency_stamp = @concurrency where user_id = @id");
        update.With("stamp", Guid.NewGuid().ToString("N")).With("concurrency", Guid.NewGuid().ToString("N")).With("id", id);
        await update.ExecuteNonQueryAsync(cancellation);
    }
}
