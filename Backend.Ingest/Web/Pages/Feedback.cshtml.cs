using Backend.Ingest.Changes;
using Backend.Ingest.Feedback;
using Backend.Ingest.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Backend.Ingest.Web.Pages;

/// <summary>
/// Passenger feedback triage (customer service): counts by topic and status, the list filtered by status and topic,
/// one item opened with its triage form; a move is the triage endpoint's change (same rules, audited with its note).
/// </summary>
[Authorize(Policy = StaffPolicies.ServeCustomers)]
public sealed class FeedbackModel(FeedbackStore store, ChangeRunner runner) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Topic { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    public IReadOnlyList<FeedbackTopicCount> Counts { get; private set; } = [];

    public IReadOnlyList<FeedbackView> Items { get; private set; } = [];

    public FeedbackView? Opened { get; private set; }

    public ChangeAnswer? Answer { get; private set; }

    public string? FilterError { get; private set; }

    public string FormKey { get; } = Guid.NewGuid().ToString();

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public async Task<IActionResult> OnPostTriageAsync(string? idempotencyKey, string? newStatus, string? note, string? cardUid, long? tripTerminal, long? tripSequence)
    {
        if (Id is not { } id)
        {
            return NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        if (FeedbackEndpoints.ValidateTriage(new FeedbackTriage(newStatus, note?.Trim(), cardUid, tripTerminal, tripSequence), errors) is not { } triage)
        {
            Answer = ChangeAnswer.Refused(DeskForms.Refusal(errors));
        }
        else
        {
            var request = DeskForms.Form(HttpContext, idempotencyKey, "feedback.triage", FeedbackIntake.Subject(id), triage);
            Answer = ChangeAnswer.Of(await FeedbackEndpoints.TriageAsync(runner, request, id, triage, HttpContext.RequestAborted),
                $"Feedback {id} is {Label(triage.Status!)}.");
        }

        return await ShowAsync();
    }

    public static string Label(string status) => status.Replace('_', ' ');

    private async Task<IActionResult> ShowAsync()
    {
        var cancellation = HttpContext.RequestAborted;
        Status = string.IsNullOrEmpty(Status) ? null : Status;
        Topic = string.IsNullOrEmpty(Topic) ? null : Topic;
        if ((Status is not null && !FeedbackRules.Statuses.Contains(Status)) || (Topic is not null && !FeedbackRules.Topics.Contains(Topic)))
        {
            FilterError = "Choose a status and a topic from the lists.";
            Status = Topic = null;
        }

        Counts = await store.CountsByTopicAsync(cancellation);
        Items = await store.ListAsync(Status, Topic, FeedbackStore.DefaultLimit, cancellation);
        if (Id is { } id)
        {
            Opened = await store.FindAsync(id, cancellation);
            if (Opened is null)
            {
                return NotFound();
            }
        }

        return Page();
    }
}
