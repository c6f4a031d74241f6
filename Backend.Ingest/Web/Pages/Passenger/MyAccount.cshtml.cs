using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Backend.Ingest.Accounts;
using Backend.Ingest.Changes;
using Backend.Ingest.Ledger;
using Backend.Ingest.Passenger;
using Backend.Ingest.Privacy;
using Backend.Ingest.Qr;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Terminal.Firmware.Fares;

namespace Backend.Ingest.Web.Pages.Passenger;

/// <summary>
/// The passenger's account: signed in with its number and printed code, its status and QR balance, a top-up, and a
/// QR ride token from the same issuance as <c>POST /api/accounts/{id}/qr-tokens</c> (refused, and said why, when the
/// account is blocked, in debt or holds too many live tokens), shown as a QR image a bus reader can scan off a phone.
/// </summary>
[AllowAnonymous]
public sealed class MyAccountModel : PassengerPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    [BindProperty]
    public string? AccountNumber { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? FormKey { get; set; }

    public string? Error { get; private set; }

    public AccountRecord? Account { get; private set; }

    public long Balance { get; private set; }

    /// <summary>The token just issued, shown once (the same form sent again carries the same key and shows the same token).</summary>
    public IssuedQrToken? Token { get; private set; }

    public string? TokenRefusal { get; private set; }

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public async Task<IActionResult> OnPostSignInAsync()
    {
        if (!TryAccountNumber(AccountNumber, out var accountId))
        {
            Error = "The account number is the number on your account letter.";
            return Page();
        }

        Error = await ProveAsync(LedgerAccounts.Account(accountId), Code);
        return Error is null ? RedirectToPage(new { id = accountId }) : Page();
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await PassengerSession.SignOutAsync(HttpContext);
        return RedirectToPage(new { id = (string?)null });
    }

    public async Task<IActionResult> OnPostQrTokenAsync()
    {
        if (await HeldAccountAsync() is not { } accountId || Id != accountId.ToString(CultureInfo.InvariantCulture) || !IdempotencyKey.IsValid(FormKey))
        {
            return await ShowAsync();
        }

        var validity = Service<IOptions<QrOptions>>().Value.DefaultValidityMinutes;
        var request = ChangeRequests.Public(FormKey!, "qr_token.issue", "passenger", new { accountId, validity, product = 0, concession = 0 });
        var issuance = Service<QrTokenIssuance>();
        var outcome = await Service<ChangeRunner>().RunAsync(request,
            change => issuance.IssueAsync(change, accountId, validity, 0, CardType.Adult, HttpContext.RequestAborted), HttpContext.RequestAborted);
        if (outcome.Status == StatusCodes.Status201Created)
        {
            Token = JsonSerializer.Deserialize<IssuedQrToken>(outcome.Body, JsonSerializerOptions.Web);
        }
        else
        {
            TokenRefusal = ChangeAnswer.Of(outcome, "").Text;
        }

        return await ShowAsync();
    }

    private async Task<IActionResult> ShowAsync()
    {
        var held = await HeldAccountAsync();
        if (Id is null)
        {
            return held is null ? Page() : RedirectToPage(new { id = held });
        }

        if (!TryAccountNumber(Id, out var accountId) || accountId != held)
        {
            AccountNumber = Id;
            if (held is not null)
            {
                Response.StatusCode = StatusCodes.Status403Forbidden;
                Error = "You are signed in with another card or account. Enter this account's code to see it.";
            }

            return Page();
        }

        await using (var connection = await Service<DbDataSource>().OpenConnectionAsync(HttpContext.RequestAborted))
        {
            Account = await AccountRegistry.FindAsync(connection, null, Service<ContactVault>(), accountId, HttpContext.RequestAborted);
        }

        if (Account is null)
        {
            await PassengerSession.SignOutAsync(HttpContext);
            return RedirectToPage(new { id = (string?)null });
        }

        Balance = await Service<LedgerQueries>().BalanceAsync(LedgerAccounts.Account(accountId), HttpContext.RequestAborted);
        // A new key for the next token; the form's own value would otherwise be shown again.
        ModelState.Remove(nameof(FormKey));
        FormKey = NewFormKey();
        return Page();
    }

    private async Task<long?> HeldAccountAsync() =>
        await HolderOfAsync() is { } holder && holder.StartsWith("account:", StringComparison.Ordinal)
            ? long.Parse(holder["account:".Length..], CultureInfo.InvariantCulture)
            : null;

    private static bool TryAccountNumber(string? typed, out long accountId) =>
        long.TryParse((typed ?? "").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out accountId) && AccountRegistry.IsId(accountId);
}
