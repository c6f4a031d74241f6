using System.Data.Common;
using Backend.Ingest.Api;
using Microsoft.AspNetCore.Identity;

namespace Backend.Ingest.Identity;

/// <summary>
/// ASP.NET Core Identity's user store over <c>staff_users</c> and <c>staff_user_roles</c> (migration 0007), so that
/// Identity's UserManager and SignInManager (password hashing, lockout, security stamps) work on our database.
/// Staff members are created, given roles and locked through <see cref="StaffAccounts"/>, in a change with its audit
/// row; this store only reads them and keeps what signing in changes (failed count, lockout, password, stamp).
/// </summary>
public sealed class StaffUserStore(DbDataSource dataSource) :
    IUserPasswordStore<StaffUser>, IUserRoleStore<StaffUser>, IUserLockoutStore<StaffUser>, IUserSecurityStampStore<StaffUser>
{
    private const string Columns = """
        user_id, user_name, normalized_user_name, password_hash, security_stamp, concurrency_stamp,
        must_change_password, lockout_enabled, access_failed_count, lockout_end
        """;

    private static readonly IdentityError AuditedOnly = new()
    {
        Code = "AuditedOnly",
        Description = "Staff members are created and removed through StaffAccounts, with an audit row.",
    };

    public Task<IdentityResult> CreateAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(IdentityResult.Failed(AuditedOnly));

    public Task<IdentityResult> DeleteAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(IdentityResult.Failed(AuditedOnly));

    public async Task<IdentityResult> UpdateAsync(StaffUser user, CancellationToken cancellationToken)
    {
        var seen = user.ConcurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        await using var command = dataSource.CreateCommand("""
            update staff_users set user_name = @name, normalized_user_name = @normalized, password_hash = @hash,
                security_stamp = @stamp, concurrency_stamp = @concurrency, must_change_password = @must_change,
                lockout_enabled = @lockout_enabled, access_failed_count = @failed, lockout_end = @lockout_end
            where user_id = @id and concurrency_stamp = @seen
            """);
        command.With("name", user.UserName).With("normalized", user.NormalizedUserName).With("hash", user.PasswordHash)
            .With("stamp", user.SecurityStamp).With("concurrency", user.ConcurrencyStamp).With("must_change", user.MustChangePassword ? 1 : 0)
            .With("lockout_enabled", user.LockoutEnabled ? 1 : 0).With("failed", user.AccessFailedCount)
            .With("lockout_end", user.LockoutEnd?.ToUnixTimeMilliseconds()).With("id", user.Id).With("seen", seen);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return IdentityResult.Success;
        }

        user.ConcurrencyStamp = seen;
        return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
    }

    public Task<StaffUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        FindAsync("user_id = @key", userId, cancellationToken);

    public Task<StaffUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        FindAsync("normalized_user_name = @key", normalizedUserName, cancellationToken);

    public Task<string> GetUserIdAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.Id);

    public Task<string?> GetUserNameAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.UserName);

    public Task SetUserNameAsync(StaffUser user, string? userName, CancellationToken cancellationToken)
    {
        user.UserName = userName ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.NormalizedUserName);

    public Task SetNormalizedUserNameAsync(StaffUser user, string? normalizedName, CancellationToken cancellationToken)
    {
        user.NormalizedUserName = normalizedName ?? "";
        return Task.CompletedTask;
    }

    public Task SetPasswordHashAsync(StaffUser user, string? passwordHash, CancellationToken cancellationToken)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    public Task AddToRoleAsync(StaffUser user, string roleName, CancellationToken cancellationToken) =>
        throw new NotSupportedException(AuditedOnly.Description);

    public Task RemoveFromRoleAsync(StaffUser user, string roleName, CancellationToken cancellationToken) =>
        throw new NotSupportedException(AuditedOnly.Description);

    public async Task<IList<string>> GetRolesAsync(StaffUser user, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select role from staff_user_roles where user_id = @id order by role");
        command.With("id", user.Id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var roles = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            roles.Add(reader.GetString(0));
        }

        return roles;
    }

    /// <summary>Identity passes role names normalized (upper case); the stored names are the lower-case <see cref="StaffRoles"/>.</summary>
    public async Task<bool> IsInRoleAsync(StaffUser user, string roleName, CancellationToken cancellationToken) =>
        (await GetRolesAsync(user, cancellationToken)).Contains(roleName.ToLowerInvariant(), StringComparer.Ordinal);

    public async Task<IList<StaffUser>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            select {Columns} from staff_users
            where user_id in (select user_id from staff_user_roles where role = @role) order by normalized_user_name
            """);
        command.With("role", roleName.ToLowerInvariant());
        return await ReadAllAsync(command, cancellationToken);
    }

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);

    public Task SetLockoutEndDateAsync(StaffUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        user.LockoutEnd = lockoutEnd;
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(++user.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(StaffUser user, CancellationToken cancellationToken)
    {
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnabled);

    public Task SetLockoutEnabledAsync(StaffUser user, bool enabled, CancellationToken cancellationToken)
    {
        user.LockoutEnabled = enabled;
        return Task.CompletedTask;
    }

    public Task SetSecurityStampAsync(StaffUser user, string stamp, CancellationToken cancellationToken)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);

    public void Dispose()
    {
    }

    private async Task<StaffUser?> FindAsync(string condition, string key, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from staff_users where {condition}");
        command.With("key", key);
        return (await ReadAllAsync(command, cancellation)).SingleOrDefault();
    }

    private static async Task<IList<StaffUser>> ReadAllAsync(DbCommand command, CancellationToken cancellation)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var users = new List<StaffUser>();
        while (await reader.ReadAsync(cancellation))
        {
            users.Add(new StaffUser
            {
                Id = reader.GetString(0),
                UserName = reader.GetString(1),
                NormalizedUserName = reader.GetString(2),
                PasswordHash = reader.IsDBNull(3) ? null : reader.GetString(3),
                SecurityStamp = reader.GetString(4),
                ConcurrencyStamp = reader.GetString(5),
                MustChangePassword = Convert.ToInt64(reader.GetValue(6)) != 0,
                LockoutEnabled = Convert.ToInt64(reader.GetValue(7)) != 0,
                AccessFailedCount = Convert.ToInt32(reader.GetValue(8)),
                LockoutEnd = reader.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(9))),
            });
        }

        return users;
    }
}
