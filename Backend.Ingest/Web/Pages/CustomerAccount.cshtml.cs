using System.Data.Common;
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
/// tokens issued and online top-ups; an adjustment with a reason (policy KeepBooks, through the ledger endpoint's change).
/// </summary>
[Authorize(Policy = StaffPolicies.ServeCustomers)]
public sealed class CustomerAccountModel(
    DbDataSource dataSource, ContactVault vault, LedgerQueries ledger, ChangeRunner runner, IAuthorizationService authorization) : PageModel
{
    public const int LedgerRows = 100;

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
        return Page();
    }
}
