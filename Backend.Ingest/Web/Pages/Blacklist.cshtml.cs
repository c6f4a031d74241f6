using System.Data.Common;
using Backend.Ingest.Changes;
using Backend.Ingest.Downlink;
using Backend.Ingest.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Backend.Ingest.Web.Pages;

/// <summary>
/// The blacklist (operations, customer service): block a card (blocked or lost) or unblock it, with a reason, through
/// the same rules and change as <c>POST /api/cards/{uid}/block|unblock</c>; the listings with who, when and why; and for
/// each version which terminals have taken it and when, so an operator sees when the whole fleet refuses a card.
/// </summary>
[Authorize(Policy = StaffPolicies.BlockCards)]
public sealed class BlacklistModel(DownlinkChanges changes, DownlinkSightings sightings, DbDataSource dataSource) : PageModel
{
    public BlacklistView? View { get; private set; }

    public IReadOnlyDictionary<long, IReadOnlyList<DownlinkSightings.Holder>> Holders { get; private set; } = new Dictionary<long, IReadOnlyList<DownlinkSightings.Holder>>();

    public ChangeAnswer? Answer { get; private set; }

    /// <summary>The form's refusals by field (uid, status, reason), from the API's own rules.</summary>
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public string FormKey { get; } = Guid.NewGuid().ToString();

    public Task OnGetAsync() => LoadAsync();

    public async Task OnPostBlockAsync(string? idempotencyKey, string? uid, string? status, string? reason)
    {
        CardBlockRules.Check(uid, reason, status ?? "", Errors, out var card);
        if (Errors.Count == 0)
        {
            var change = ChangeRequests.For(HttpContext, StaffForms.Key(idempotencyKey), "card.block", new { card, status, reason });
            var outcome = await changes.BlockAsync(change, card, status!, reason!, HttpContext.RequestAborted);
            Answer = ChangeAnswer.Of(outcome, $"Card {card} is {status}; every terminal refuses it once it takes the new blacklist version (below).");
        }

        await LoadAsync();
    }

    public async Task OnPostUnblockAsync(string? idempotencyKey, string? uid, string? reason)
    {
        CardBlockRules.Check(uid, reason, null, Errors, out var card);
        if (Errors.Count == 0)
        {
            var change = ChangeRequests.For(HttpContext, StaffForms.Key(idempotencyKey), "card.unblock", new { card, reason });
            var outcome = await changes.UnblockAsync(change, card, reason!, HttpContext.RequestAborted);
            Answer = ChangeAnswer.Of(outcome, $"Card {card} is active again; it is taken off the blacklist in the new version (below).");
        }

        await LoadAsync();
    }

    /// <summary>The time the last terminal took <paramref name="version"/>, if every known terminal has it.</summary>
    public DateTimeOffset? WholeFleetSince(long version) =>
        Holders[version] is { Count: > 0 } holders && holders.All(h => h.Holds) ? holders.Max(h => h.TakenAt) : null;

    private async Task LoadAsync()
    {
        View = await DownlinkCatalogViews.BlacklistAsync(dataSource, HttpContext.RequestAborted);
        Holders = await sightings.HoldersAsync(DownlinkSightings.Blacklist, [.. View.Versions.Select(v => v.Version)], HttpContext.RequestAborted);
    }
}
