using Backend.Ingest.Changes;
using Backend.Ingest.Downlink;
using Backend.Ingest.Fares;
using Backend.Ingest.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminal.Firmware.Fares;

namespace Backend.Ingest.Web.Pages.FareTables;

/// <summary>
/// One fare table draft (operations): its fields in forms, each refusal of the firmware's parser next to its field,
/// save (audited) and publish (signed with the downlink key, through the same publisher as the API, audited).
/// </summary>
[Authorize(Policy = StaffPolicies.OperateFleet)]
public sealed class FareTableDraftModel(FareTableDrafts drafts) : PageModel
{
    [BindProperty]
    public FareDraftForm Form { get; set; } = new();

    public long Id { get; private set; }

    public uint NextVersion { get; private set; }

    public FareTableDrafts.Draft? Draft { get; private set; }

    /// <summary>Refusals by field: the form's own (a value that cannot be written) or the parser's.</summary>
    public Dictionary<string, string> Refusals { get; private set; } = [];

    public FareTableStatus? Status { get; private set; }

    public ChangeAnswer? Answer { get; private set; }

    public string FormKey { get; } = Guid.NewGuid().ToString();

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Form = FareDraftForm.From(Draft!.Table);
        Check(Draft.Table);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(long id, string? idempotencyKey)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var errors = new Dictionary<string, string>();
        if (Form.TryBuild(NextVersion, drafts.IssuerKeyId, errors) is not { } table)
        {
            Refusals = errors;
            Answer = ChangeAnswer.Refused("Nothing was saved: some values cannot be written into a fare table (see the fields marked below).");
            return Page();
        }

        var outcome = await drafts.SaveAsync(ChangeRequests.For(HttpContext, StaffForms.Key(idempotencyKey), "fare_table_draft.save", new { id, table = table.BuildUnsigned() }), id, table, HttpContext.RequestAborted);
        Check(table);
        var saved = ChangeAnswer.Of(outcome, "Saved. The terminals would take this table.");
        Answer = saved.Succeeded && Status != FareTableStatus.Loaded
            ? new ChangeAnswer(false, "Saved, but the terminals would refuse this table: see the fields marked below.") : saved;
        await LoadAsync(id);
        Form = FareDraftForm.From(table);
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(long id, string? idempotencyKey)
    {
        var outcome = await drafts.PublishAsync(ChangeRequests.For(HttpContext, StaffForms.Key(idempotencyKey), "fare_table_draft.publish", new { id }), id, HttpContext.RequestAborted);
        if (outcome.Status < 400)
        {
            return RedirectToPage("/FareTables/Index");
        }

        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Answer = ChangeAnswer.Of(outcome, "");
        Form = FareDraftForm.From(Draft!.Table);
        Check(Draft.Table);
        return Page();
    }

    /// <summary>The refusal shown next to <paramref name="field"/>, if any.</summary>
    public string? RefusalOf(string field) => Refusals.GetValueOrDefault(field);

    /// <summary>An HTML id for a form field's name (Form.Routes[2] gives form-routes-2).</summary>
    public static string FieldId(string field) =>
        string.Concat(field.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')).Replace("--", "-").TrimEnd('-');

    private void Check(FareTableBuilder table)
    {
        var verdict = FareDraftCheck.Check(table);
        Refusals = new Dictionary<string, string>(verdict.Refusals);
        Status = verdict.Status;
    }

    private async Task<bool> LoadAsync(long id)
    {
        Id = id;
        Draft = await drafts.FindAsync(id, HttpContext.RequestAborted);
        NextVersion = await drafts.NextVersionAsync(HttpContext.RequestAborted);
        return Draft is not null;
    }
}
