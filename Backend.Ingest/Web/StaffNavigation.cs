using Backend.Ingest.Identity;

namespace Backend.Ingest.Web;

/// <summary>
/// The pages in the layout's navigation, in order, each with the policy that lets a staff member see it (null: any
/// signed-in staff member). The layout shows a link only to someone the policy allows; the page itself enforces it.
/// </summary>
public static class StaffNavigation
{
    public sealed record Link(string Title, string Path, string? Policy);

    public static readonly IReadOnlyList<Link> Links =
    [
        new("Dashboard", "/", null),
        new("Reports", "/reports", StaffPolicies.ReadReports),
        new("Fleet", "/fleet", StaffPolicies.OperateFleet),
        new("Fare tables", "/fare-tables", StaffPolicies.OperateFleet),
        new("Blacklist", "/blacklist", StaffPolicies.BlockCards),
        new("Customer service", "/customer-service", StaffPolicies.ServeCustomers),
        new("Feedback", "/feedback", StaffPolicies.ServeCustomers),
        new("Audit log", "/audit", StaffPolicies.ReadAudit),
        new("Staff and API keys", "/staff", StaffPolicies.ManageStaff),
    ];
}
