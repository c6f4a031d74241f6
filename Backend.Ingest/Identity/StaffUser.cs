namespace Backend.Ingest.Identity;

/// <summary>A staff member as ASP.NET Core Identity handles one: a row of <c>staff_users</c>.</summary>
public sealed class StaffUser
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");

    public string UserName { get; set; } = "";

    public string NormalizedUserName { get; set; } = "";

    public string? PasswordHash { get; set; }

    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>True while the password is a one-time one: signing in with it leads to choosing a new one.</summary>
    public bool MustChangePassword { get; set; }

    public bool LockoutEnabled { get; set; } = true;

    public int AccessFailedCount { get; set; }

    public DateTimeOffset? LockoutEnd { get; set; }
}
