using Backend.Ingest.Changes;
using Backend.Ingest.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Backend.Ingest.Web.Pages;

/// <summary>
/// Staff members and API keys (admin): create a staff member with a one-time password, change roles, lock and
/// unlock, issue and revoke API keys. Each form carries an idempotency key drawn when the page was shown, so a form
/// sent twice (a double click, a reload) changes once; each change is audited with the admin's reason.
/// </summary>
[Authorize(Policy = StaffPolicies.ManageStaff)]
public sealed class StaffModel(StaffAccounts accounts, ApiKeys keys, StaffDirectory directory) : PageModel
{
    public const int MaxReasonLength = 500;

    public IReadOnlyList<StaffDirectory.StaffMember> Members { get; private set; } = [];

    public IReadOnlyList<StaffDirectory.ApiKeyEntry> Keys { get; private set; } = [];

    public ChangeAnswer? Answer { get; private set; }

    /// <summary>A one-time password or API key just made: shown on this answer only.</summary>
    public string? Secret { get; private set; }

    public string FormKey { get; } = Guid.NewGuid().ToString();

    public Task OnGetAsync() => LoadAsync();

    public async Task OnPostCreateAsync(string idempotencyKey, string? userName, string[]? roles)
    {
        var name = userName?.Trim() ?? "";
        var chosen = roles ?? [];
        if (!ValidUserName(name))
        {
            Answer = ChangeAnswer.Refused("A user name is 1 to 64 letters, digits, '-', '.', '_' or '@'.");
        }
        else if (Invalid(chosen))
        {
            Answer = ChangeAnswer.Refused("Choose one or more of the roles listed.");
        }
        else
        {
            var (outcome, password) = await accounts.CreateAsync(Change(idempotencyKey, "staff.create", new { name, chosen }), name, chosen, null, HttpContext.RequestAborted);
            Answer = ChangeAnswer.Of(outcome, $"{name} created. Give them this one-time password; it is shown only now.");
            Secret = password;
        }

        await LoadAsync();
    }

    public async Task OnPostRolesAsync(string idempotencyKey, string userName, string[]? roles, string? reason)
    {
        var chosen = roles ?? [];
        Answer = Invalid(chosen) ? ChangeAnswer.Refused("Choose one or more of the roles listed.")
            : ReasonProblem(reason) is { } problem ? problem
            : ChangeAnswer.Of(await accounts.SetRolesAsync(Change(idempotencyKey, "staff.roles", new { userName, chosen, reason }), userName, chosen, reason!.Trim(), HttpContext.RequestAborted),
                $"{userName} now has the roles {string.Join(", ", chosen)}.");
        await LoadAsync();
    }

    public async Task OnPostLockAsync(string idempotencyKey, string userName, bool locked, string? reason)
    {
        Answer = ReasonProblem(reason) ?? ChangeAnswer.Of(
            await accounts.SetLockedAsync(Change(idempotencyKey, locked ? "staff.lock" : "staff.unlock", new { userName, locked, reason }), userName, locked, reason!.Trim(), HttpContext.RequestAborted),
            locked ? $"{userName} is locked and signed out." : $"{userName} is unlocked.");
        await LoadAsync();
    }

    public async Task OnPostIssueKeyAsync(string idempotencyKey, string? keyName, string[]? roles)
    {
        var name = keyName?.Trim() ?? "";
        var chosen = roles ?? [];
        if (name.Length is 0 or > 100)
        {
            Answer = ChangeAnswer.Refused("A key's name is 1 to 100 characters: say which integration uses it.");
        }
        else if (Invalid(chosen))
        {
            Answer = ChangeAnswer.Refused("Choose one or more of the roles listed.");
        }
        else
        {
            var (outcome, key) = await keys.IssueAsync(Change(idempotencyKey, "api-key.issue", new { name, chosen }), name, chosen, HttpContext.RequestAborted);
            Answer = ChangeAnswer.Of(outcome, $"API key '{name}' issued. Copy it into the integration now; it is shown only now.");
            Secret = key?.Key;
        }

        await LoadAsync();
    }

    public async Task OnPostRevokeKeyAsync(string idempotencyKey, string keyId, string? reason)
    {
        Answer = ReasonProblem(reason) ?? ChangeAnswer.Of(
            await keys.RevokeAsync(Change(idempotencyKey, "api-key.revoke", new { keyId, reason }), keyId, reason!.Trim(), HttpContext.RequestAborted),
            $"API key {keyId} revoked; it is refused within {ApiKeys.Recheck.TotalSeconds:0} seconds everywhere.");
        await LoadAsync();
    }

    private static bool ValidUserName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '@');

    private static bool Invalid(string[] roles) => roles.Length == 0 || !roles.All(StaffRoles.IsRole);

    private static ChangeAnswer? ReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReasonLength
            ? ChangeAnswer.Refused($"Say why, in 1 to {MaxReasonLength} characters: it goes into the audit log.")
            : null;

    /// <summary>The change under the form's key; a form without a usable one (not this page's) gets a fresh key.</summary>
    private ChangeRequest Change(string? idempotencyKey, string operation, object content) =>
        ChangeRequests.For(HttpContext, idempotencyKey is { Length: > 0 and <= 100 } ? idempotencyKey : Guid.NewGuid().ToString(), operation, content);

    private async Task LoadAsync()
    {
        Members = await directory.StaffAsync(HttpContext.RequestAborted);
        Keys = await directory.KeysAsync(HttpContext.RequestAborted);
    }
}
