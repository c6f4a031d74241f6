namespace Backend.Ingest.Identity;

/// <summary>Signing in, from <c>Backend:Access</c>: how many wrong passwords lock an account, for how long, and how long a session lasts.</summary>
public sealed class StaffAccessOptions
{
    public const string Section = "Backend:Access";

    /// <summary>Wrong passwords in a row that lock the account.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>A session ends this long after the staff member's last request (sliding).</summary>
    public int SessionMinutes { get; set; } = 30;

    /// <summary>The shortest password a staff member may choose (NIST SP 800-63B: length, not composition rules).</summary>
    public const int MinPasswordLength = 12;
}
