namespace Backend.Ingest.Identity;

/// <summary>The staff roles, as stored in <c>staff_user_roles.role</c> and API keys, and as role claims.</summary>
public static class StaffRoles
{
    public const string Admin = "admin";
    public const string Operations = "operations";
    public const string CustomerService = "customer-service";
    public const string Finance = "finance";
    public const string Auditor = "auditor";

    public static readonly IReadOnlyList<string> All = [Admin, Operations, CustomerService, Finance, Auditor];

    public static bool IsRole(string name) => All.Contains(name, StringComparer.Ordinal);
}
