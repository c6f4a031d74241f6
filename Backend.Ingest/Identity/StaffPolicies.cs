using Microsoft.AspNetCore.Authorization;

namespace Backend.Ingest.Identity;

/// <summary>
/// The authorization policies, each named for what it allows and granted to the roles whose work needs it. Anything
/// without a policy of its own still needs a signed-in staff member or an API key (the fallback policy).
/// </summary>
public static class StaffPolicies
{
    /// <summary>Users, roles and API keys.</summary>
    public const string ManageStaff = "manage-staff";

    /// <summary>The card and account desk: find, register, load, report lost.</summary>
    public const string ServeCustomers = "serve-customers";

    /// <summary>Refund a card or account.</summary>
    public const string Refund = "refund";

    /// <summary>Block and unblock a card (a lost card at the desk, a fraud in the control room), and read the blacklist.</summary>
    public const string BlockCards = "block-cards";

    /// <summary>Ledger adjustments and the books.</summary>
    public const string KeepBooks = "keep-books";

    /// <summary>The fleet, the blacklist, fare tables and the reconciliation review queue.</summary>
    public const string OperateFleet = "operate-fleet";

    /// <summary>Revenue and ridership reports.</summary>
    public const string ReadReports = "read-reports";

    /// <summary>The audit log.</summary>
    public const string ReadAudit = "read-audit";

    /// <summary>A passenger's data requests: export everything held about them, erase them (docs/privacy.md).</summary>
    public const string HandleDataRequests = "handle-data-requests";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(ManageStaff, policy => policy.RequireRole(StaffRoles.Admin));
        options.AddPolicy(ServeCustomers, policy => policy.RequireRole(StaffRoles.CustomerService));
        options.AddPolicy(Refund, policy => policy.RequireRole(StaffRoles.Finance, StaffRoles.CustomerService));
        options.AddPolicy(BlockCards, policy => policy.RequireRole(StaffRoles.Operations, StaffRoles.CustomerService));
        options.AddPolicy(KeepBooks, policy => policy.RequireRole(StaffRoles.Finance));
        options.AddPolicy(OperateFleet, policy => policy.RequireRole(StaffRoles.Operations));
        options.AddPolicy(ReadReports, policy => policy.RequireRole(StaffRoles.Finance, StaffRoles.Operations));
        options.AddPolicy(ReadAudit, policy => policy.RequireRole(StaffRoles.Auditor, StaffRoles.Admin));
        options.AddPolicy(HandleDataRequests, policy => policy.RequireRole(StaffRoles.CustomerService));
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
