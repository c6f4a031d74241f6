using System.Data.Common;
using Backend.Ingest.Api;
using Backend.Ingest.Cards;
using Backend.Ingest.Changes;
using Backend.Ingest.Downlink;
using Backend.Ingest.Identity;
using Backend.Ingest.Ledger;
using Backend.Ingest.Loads;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Backend.Ingest.Web.Pages;

/// <summary>
/// One card at the desk: registry row, ledger balance with its transfers, trips and loads with the balance the card
/// reported after each, pending loads; and the desk's actions, each with a reason and each through the same code as
/// its API endpoint: refund (policy Refund), adjustment (KeepBooks), block as lost or stolen (BlockCards), and
/// replacement by a new card (<see cref="CardReplacements"/>). Every form carries the idempotency key drawn when the
/// page was shown, so a form sent twice changes once.
/// </summary>
[Authorize(Policy = StaffPolicies.ServeCustomers)]
public sealed class CustomerCardModel(DbDataSource dataSource, LedgerQueries ledger, ChangeRunner runner, DownlinkCatalog catalog, IAuthorizationService authorization) : PageModel
{
    public const int HistoryRows = 100;

    [BindProperty(SupportsGet = true)]
    public string Uid { get; set; } = "";

    public CardRecord? Card { get; private set; }

    public long Balance { get; private set; }

    public CardReport? LastReported { get; private set; }

    public IReadOnlyList<TransactionView> Trips { get; private set; } = [];

    public IReadOnlyList<LedgerLine> Ledger { get; private set; } = [];

    public IReadOnlyList<PendingLoad> PendingLoads { get; private set; } = [];

    public ChangeAnswer? Answer { get; private set; }

    public bool MayRefund { get; private set; }

    public bool MayAdjust { get; private set; }

    public bool MayBlock { get; private set; }

    public string FormKey { get; } = Guid.NewGuid().ToString();

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public async Task<IActionResult> OnPostRefundAsync(string? idempotencyKey, string? reason, string? amount)
    {
        if (!await authorization.AllowsAsync(HttpContext, StaffPolicies.Refund))
        {
            return Forbid();
        }

        if (!CardUid.TryNormalize(Uid, out var uid))
        {
            return NotFound();
        }

        if (!DeskForms.IsReason(reason))
        {
            Answer = ChangeAnswer.Refused(DeskForms.ReasonRule);
        }
        else if (!MinorUnits.TryParse(amount, out var cents) || cents < 0)
        {
            Answer = ChangeAnswer.Refused($"'{amount}' is not an amount: write the balance you pay out, e.g. 12.50.");
        }
        else
        {
            var why = reason!.Trim();
            var request = DeskForms.Form(HttpContext, idempotencyKey, "card.refund", uid, new { Reason = why, Amount = cents });
            Answer = ChangeAnswer.Of(await CardEndpoints.RefundAsync(runner, request, uid, why, cents, HttpContext.RequestAborted),
                $"Refunded {MinorUnits.Format(cents)} in cash; the card is retired.");
        }

        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostAdjustAsync(string? idempotencyKey, string? amount, string? reason)
    {
        if (!await authorization.AllowsAsync(HttpContext, StaffPolicies.KeepBooks))
        {
            return Forbid();
        }

        if (!CardUid.TryNormalize(Uid, out var uid))
        {
            return NotFound();
        }

        Answer = await DeskForms.AdjustAsync(HttpContext, runner, idempotencyKey, LedgerAccounts.Card(uid), amount, reason);
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostBlockAsync(string? idempotencyKey, string? loss, string? reason)
    {
        if (!await authorization.AllowsAsync(HttpContext, StaffPolicies.BlockCards))
        {
            return Forbid();
        }

        if (!CardUid.TryNormalize(Uid, out var uid))
        {
            return NotFound();
        }

        if (!DeskForms.IsReason(reason) || !CardReplacements.Losses.Contains(loss))
        {
            Answer = ChangeAnswer.Refused("Choose lost or stolen, and " + DeskForms.ReasonRule);
            return await ShowAsync();
        }

        // The blacklist endpoint's change: status lost, the reason saying whether the card was lost or stolen.
        var why = $"{loss}: {reason!.Trim()}";
        var request = ChangeRequests.For(HttpContext, DeskForms.Key(idempotencyKey), "card.block", new { card = uid, status = CardStatuses.Lost, Reason = why });
        var outcome = await runner.RunAsync(request, change => CardBlocks.BlockAsync(change, uid, CardStatuses.Lost, why, HttpContext.RequestAborted), HttpContext.RequestAborted);
        if (outcome.Status < 400 && !outcome.Replayed)
        {
            await catalog.RefreshAsync(HttpContext.RequestAborted);
        }

        Answer = ChangeAnswer.Of(outcome, $"Card {uid} is blocked as {loss}: the fleet refuses it once each bus has the new blacklist.");
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostReplaceAsync(string? idempotencyKey, CardReplacementOrder order)
    {
        var errors = new Dictionary<string, string[]>();
        if (CardReplacements.Validate(Uid, order, errors) is not { } valid)
        {
            Answer = ChangeAnswer.Refused(DeskForms.Refusal(errors));
            return await ShowAsync();
        }

        var outcome = await CardReplacements.ReplaceAsync(runner, DeskForms.Form(HttpContext, idempotencyKey, "card.replace", valid.OldUid, valid), valid, HttpContext.RequestAborted);
        if (outcome.Status < 400 && !outcome.Replayed)
        {
            await catalog.RefreshAsync(HttpContext.RequestAborted);
        }

        Answer = ChangeAnswer.Of(outcome, $"Card {valid.OldUid} is replaced by {valid.NewUid}: its balance is on its way to the new card, which takes it at its next tap on any bus.");
        return await ShowAsync();
    }

    private async Task<IActionResult> ShowAsync()
    {
        if (!CardUid.TryNormalize(Uid, out var uid))
        {
            return NotFound();
        }

        var cancellation = HttpContext.RequestAborted;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellation))
        {
            Card = await CardRegistry.FindAsync(connection, null, uid, cancellation);
        }

        if (Card is null)
        {
            return NotFound();
        }

        var account = LedgerAccounts.Card(uid);
        Balance = await ledger.BalanceAsync(account, cancellation);
        LastReported = await CardRegistry.LastReportedAsync(dataSource, uid, cancellation);
        Trips = await HttpContext.RequestServices.GetRequiredService<FareQueries>().CardHistoryAsync(uid, HistoryRows, cancellation);
        Ledger = LedgerLine.Of(account, Balance, await ledger.TransfersAsync(account, HistoryRows, cancellation));
        PendingLoads = await Loads.PendingLoads.ListPendingAsync(dataSource, uid, cancellation);
        MayRefund = await authorization.AllowsAsync(HttpContext, StaffPolicies.Refund);
        MayAdjust = await authorization.AllowsAsync(HttpContext, StaffPolicies.KeepBooks);
        MayBlock = await authorization.AllowsAsync(HttpContext, StaffPolicies.BlockCards);
        return Page();
    }
}
