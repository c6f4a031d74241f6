using System.Data.Common;
using System.Text.Json;
using Backend.Ingest.Changes;
using Backend.Ingest.Downlink;
using Backend.Ingest.Fares;
using Backend.Ingest.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Backend.Ingest.Web.Pages.FareTables;

/// <summary>
/// The fare tables (operations): every published version with who published it, when it takes effect, and which
/// terminals hold it; the drafts in progress; and "start a new version from the current one", which opens a draft.
/// </summary>
[Authorize(Policy = StaffPolicies.OperateFleet)]
public sealed class FareTablesModel(FareTableDrafts drafts, DownlinkSightings sightings, DbDataSource dataSource) : PageModel
{
    public IReadOnlyList<FareTableVersionView> Versions { get; private set; } = [];

    public IReadOnlyDictionary<long, IReadOnlyList<DownlinkSightings.Holder>> Holders { get; private set; } = new Dictionary<long, IReadOnlyList<DownlinkSightings.Holder>>();

    public IReadOnlyList<FareTableDrafts.Draft> Drafts { get; private set; } = [];

    public ChangeAnswer? Answer { get; private set; }

    public string FormKey { get; } = Guid.NewGuid().ToString();

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostStartAsync(string? idempotencyKey)
    {
        var outcome = await drafts.StartAsync(ChangeRequests.For(HttpContext, StaffForms.Key(idempotencyKey), "fare_table_draft.start", new { }), HttpContext.RequestAborted);
        if (outcome.Status < 400)
        {
            using var body = JsonDocument.Parse(outcome.Body);
            return RedirectToPage("/FareTables/Draft", new { id = body.RootElement.GetProperty("draftId").GetInt64() });
        }

        Answer = ChangeAnswer.Of(outcome, "");
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Versions = await DownlinkCatalogViews.FareTablesAsync(dataSource, HttpContext.RequestAborted);
        Holders = await sightings.HoldersAsync(DownlinkSightings.FareTable, [.. Versions.Select(v => (long)v.Version)], HttpContext.RequestAborted);
        Drafts = await drafts.OpenAsync(HttpContext.RequestAborted);
    }
}
