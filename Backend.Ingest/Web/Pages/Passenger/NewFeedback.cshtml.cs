using System.Text.Json;
using Backend.Ingest.Changes;
using Backend.Ingest.Feedback;
using Backend.Ingest.Passenger;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Backend.Ingest.Web.Pages.Passenger;

/// <summary>
/// The passenger's feedback form, open to anyone and limited per address like <c>POST /api/feedback</c>, through the
/// same intake (checked, stored once per form, audited as <c>passenger</c>). A passenger signed in with a card may
/// say which of its rides it is about; a thank-you with the reference number follows.
/// </summary>
[AllowAnonymous]
public sealed class NewFeedbackModel : PassengerPageModel
{
    public static readonly IReadOnlyDictionary<string, string> TopicNames = new Dictionary<string, string>
    {
        ["fares"] = "Fares and prices",
        ["card"] = "My card",
        ["qr"] = "QR ride tokens",
        ["service"] = "Buses and drivers",
        ["accessibility"] = "Accessibility",
        ["other"] = "Something else",
    };

    [BindProperty]
    public string? Topic { get; set; }

    [BindProperty]
    public string? Message { get; set; }

    [BindProperty]
    public string? Contact { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Terminal { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Sequence { get; set; }

    [BindProperty]
    public string? FormKey { get; set; }

    /// <summary>The card of the passenger session, whose ride the feedback may name; null without one.</summary>
    public string? Card { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The stored item's reference, once sent.</summary>
    public long? Reference { get; private set; }

    public async Task OnGetAsync()
    {
        FormKey = NewFormKey();
        await PrepareAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await PrepareAsync();
        var limiter = Service<PassengerFormLimiter>();
        if (!limiter.TryAcquire(HttpContext))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Errors = [$"At most {limiter.PerMinute} messages a minute from one connection: please wait a minute and send it again."];
            return Page();
        }

        var body = new FeedbackSubmission(Topic, Message, Contact, Card, Card is null ? null : Terminal, Card is null ? null : Sequence);
        var errors = FeedbackIntake.Check(body, out var submission);
        if (!IdempotencyKey.IsValid(FormKey))
        {
            errors["form"] = ["the form has expired: send it again."];
            ModelState.Remove(nameof(FormKey));
            FormKey = NewFormKey();
        }

        if (errors.Count > 0)
        {
            Errors = errors.Values.SelectMany(e => e).Select(Sentence).ToList();
            return Page();
        }

        var outcome = await FeedbackIntake.SubmitAsync(Service<ChangeRunner>(), FormKey!, submission, HttpContext.RequestAborted);
        if (outcome.Status != StatusCodes.Status201Created)
        {
            Errors = [ChangeAnswer.Of(outcome, "").Text];
            return Page();
        }

        Reference = JsonSerializer.Deserialize<FeedbackView>(outcome.Body, JsonSerializerOptions.Web)!.Id;
        return Page();
    }

    private async Task PrepareAsync() =>
        Card = await HolderOfAsync() is { } holder && holder.StartsWith("card:", StringComparison.Ordinal) ? holder["card:".Length..] : null;

    private static string Sentence(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
