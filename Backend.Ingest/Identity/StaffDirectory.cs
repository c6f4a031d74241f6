using System.Data.Common;

namespace Backend.Ingest.Identity;

/// <summary>The staff members and API keys as the admin's page lists them.</summary>
public sealed class StaffDirectory(DbDataSource dataSource)
{
    public sealed record StaffMember(string UserName, IReadOnlyList<string> Roles, bool MustChangePassword, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt, string CreatedBy);

    public sealed record ApiKeyEntry(string KeyId, string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt);

    public async Task<IReadOnlyList<StaffMember>> StaffAsync(CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand("""
            select u.user_name, u.must_change_password, u.lockout_end, u.created_at, u.created_by, r.role
            from staff_users u left join staff_user_roles r on r.user_id = u.user_id
            order by u.normalized_user_name, r.role
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var members = new List<StaffMember>();
        while (await reader.ReadAsync(cancellation))
        {
            var name = reader.GetString(0);
            if (members.Count == 0 || members[^1].UserName != name)
            {
                members.Add(new StaffMember(name, [], Convert.ToInt64(reader.GetValue(1)) != 0,
                    reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(2))),
                    DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(3))), reader.GetString(4)));
            }

            if (!reader.IsDBNull(5))
            {
                members[^1] = members[^1] with { Roles = [.. members[^1].Roles, reader.GetString(5)] };
            }
        }

        return members;
    }

    public async Task<IReadOnlyList<ApiKeyEntry>> KeysAsync(CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand("select key_id, name, roles, created_at, created_by, revoked_at from api_keys order by created_at desc, key_id");
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var keys = new List<ApiKeyEntry>();
        while (await reader.ReadAsync(cancellation))
        {
            keys.Add(new ApiKeyEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2).Split(' ', StringSplitOptions.RemoveEmptyEntries),
                DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(3))), reader.GetString(4),
                reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(5)))));
        }

        return keys;
    }
}
