using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Backend.Ingest.Api;
using Backend.Ingest.Accounts;
using Backend.Ingest.Cards;
using Backend.Ingest.Changes;
using Backend.Ingest.CustomerService;
using Backend.Ingest.Identity;
using Backend.Ingest.Ledger;
using Backend.Ingest.Privacy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Backend.Ingest.Web.Pages;

/// <summary>
/// One passenger account at the desk: contact, QR balance with its ledger, linked cards with their balances, QR ride
/// tokens issued and online top-ups; an adjustment with a reason (policy KeepBooks, through the ledger endpoint's change);
/// the passenger's data requests, export and erasure (policy HandleDataRequests, the same changes as the privacy API).
/// </summary>
[Authorize(Policy = StaffPolicies.ServeCustomers)]
public sealed class CustomerAccountModel(
    DbDataSource dataSource, ContactVault vault, LedgerQueries ledger, ChangeRunner runner, IAuthorizationService authorization,
    TimeProvider clock) : PageModel
{
    public const int LedgerRows = 100;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public AccountRecord? Account { get; private set; }

    public long Balance { get; private set; }

    public IReadOnlyList<(CardRecord Card, long Balance)> Cards { get; private set; } = [];

    public IReadOnlyList<LedgerLine> Ledger { get; private set; } = [];

    public IReadOnlyList<AccountActivity.QrTokenIssued> QrTokens { get; private set; } = [];

    public IReadOnlyList<AccountActivity.TopUp> TopUps { get; private set; } = [];

    public ChangeAnswer? Answer { get; private set; }

    public bool MayAdjust { get; private set; }

    public bool MayHandleDataRequests { get; private set; }

    public string FormKey { get; } = Guid.NewGuid().ToString();

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public async Task<IActionResult> OnPostAdjustAsync(string? idempotencyKey, string? amount, string? reason)
    {
        if (!await authorization.AllowsAsync(HttpContext, StaffPolicies.KeepBooks))
        {
            return Forbid();
        }

        if (AccountRegistry.IsId(Id))
        {
            Answer = await DeskForms.AdjustAsync(HttpContext, runner, idempotencyKey, LedgerAccounts.Account(Id), amount, reason);
        }

        return await ShowAsync();
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        if (!await authorization.AllowsAsync(HttpContext, StaffPolicies.HandleDataRequests))
        {
            return Forbid();
        }

        // FareQueries is the read side's own (internal), so the page takes it from the request's services as the card page does.
        var fares = HttpContext.RequestServices.GetRequiredService<FareQueries>();
        if (!AccountRegistry.IsId(Id)
            || await PersonalDataExport.DiscloseAsync(HttpContext, runner, dataSource, vault, fares, ledger, Id, clock.GetUtcNow(), HttpContext.RequestAborted) is not { } export)
        {
            return NotFound();
        }

        return File(JsonSerializer.SerializeToUtf8Bytes(export, JsonOptions), "application/json", $"account-{Id}-export.json");
    }

    public async Task<IActionResult> OnPostEraseAsync(string? idempotencyKey)
    {
        if (!await authorization.AllowsAsync(HttpContext, StaffPolicies.HandleDataRequests))
        {
            return Forbid();
        }

        if (AccountRegistry.IsId(Id))
        {
            var request = DeskForms.Form(HttpContext, idempotencyKey, "account.erase", Id.ToString(CultureInfo.InvariantCulture), new { });
            var outcome = await runner.RunAsync(request, change => AccountErasure.EraseAsync(change, Id, HttpContext.RequestAborted), HttpContext.RequestAborted);
            Answer = ChangeAnswer.Of(outcome, "The passenger is erased: contacts, card links and travel history are gone, the account is closed.");
        }

        return await ShowAsync();
    }

    private async Task<IActionResult> ShowAsync()
    {
        var cancellation = HttpContext.RequestAborted;
        if (AccountRegistry.IsId(Id))
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellation);
            Account = await AccountRegistry.FindAsync(connection, null, vault, Id, cancellation);
        }

        if (Account is null)
        {
            return NotFound();
        }

        var code = LedgerAccounts.Account(Id);
        Balance = await ledger.BalanceAsync(code, cancellation);
        Ledger = LedgerLine.Of(code, Balance, await ledger.TransfersAsync(code, LedgerRows, cancellation));
        var cards = new List<(CardRecord, long)>();
        foreach (var card in await CardRegistry.OfAccountAsync(dataSource, Id, cancellation))
        {
            cards.Add((card, await ledger.BalanceAsync(LedgerAccounts.Card(card.Uid), cancellation)));
        }

        Cards = cards;
        QrTokens = await AccountActivity.QrTokensAsync(dataSource, Id, cancellation);
        TopUps = await AccountActivity.TopUpsAsync(dataSource, Id, cancellation);
        MayAdjust = await authorization.AllowsAsync(HttpContext, StaffPolicies.KeepBooks);
        MayHandleDataRequests = await authorization.AllowsAsync(HttpContext, StaffPolicies.HandleDataRequests);
        return Page();
    }
}
