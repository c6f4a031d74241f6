using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Ledger;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Web;

/// <summary>
/// What the desk pages' forms share: the reason every change needs, the change request of a form (its key drawn
/// when the page was shown, its fingerprint as the endpoint makes it), whether the staff member may do an action,
/// and the adjustment form of the card and account pages.
/// </summary>
public static class DeskForms
{
    public const int MaxReasonLength = 500;

    public const string ReasonRule = "Say why, in 1 to 500 characters: it goes into the audit log.";

    public static bool IsReason(string? reason) => !string.IsNullOrWhiteSpace(reason) && reason.Trim().Length <= MaxReasonLength;

    /// <summary>The form's idempotency key, or a fresh one when the form carries none that is usable (not this page's).</summary>
    public static string Key(string? formKey) => formKey is { Length: > 0 and <= 100 } ? formKey : Guid.NewGuid().ToString();

    /// <summary>The desk endpoint's change (<see cref="DeskChange.Request"/>) under the form's key.</summary>
    public static ChangeRequest Form(HttpContext http, string? formKey, string operation, string subject, object content) =>
        ChangeRequests.For(http, Key(formKey), operation, new { operation, subject, content });

    public static async Task<bool> AllowsAsync(this IAuthorizationService authorization, HttpContext http, string policy) =>
        (await authorization.AuthorizeAsync(http.User, policy)).Succeeded;

    /// <summary>
    /// An adjustment of <paramref name="account"/> typed as money ("-2.50" lowers the balance), checked by the ledger
    /// endpoint's rules and run as its change.
    /// </summary>
    public static async Task<ChangeAnswer> AdjustAsync(HttpContext http, ChangeRunner runner, string? formKey, string account, string? amount, string? reason)
    {
        if (!MinorUnits.TryParse(amount, out var cents))
        {
            return ChangeAnswer.Refused($"'{amount}' is not an amount: write it as 2.50 (raises the balance) or -2.50 (lowers it).");
        }

        var errors = new Dictionary<string, string[]>();
        var maxLoad = http.RequestServices.GetRequiredService<IOptions<LedgerOptions>>().Value.MaxLoad;
        if (LedgerEndpoints.Validate(new LedgerAdjustment(account, cents, reason?.Trim()), maxLoad, errors) is not { } valid)
        {
            return ChangeAnswer.Refused(Refusal(errors));
        }

        var request = Form(http, formKey, "ledger.adjust", valid.Account, new { value = valid.Value, valid.Reason });
        return ChangeAnswer.Of(await LedgerEndpoints.AdjustAsync(runner, request, valid.Account, valid.Value, valid.Reason, http.RequestAborted),
            $"{valid.Account} adjusted by {MinorUnits.Format(valid.Value)}.");
    }

    /// <summary>A validation's messages as one sentence for the page.</summary>
    public static string Refusal(Dictionary<string, string[]> errors) => string.Join(" ", errors.Values.SelectMany(messages => messages));
}
