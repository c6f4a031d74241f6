using System.Text.Json;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Ledger;

namespace Backend.Ingest.Feedback;

/// <summary>
/// Takes in a passenger's feedback: checks it and stores it as one change with its audit row, audited as
/// <c>passenger</c>. The one code path of <c>POST /api/feedback</c> and the passenger's feedback form.
/// </summary>
public static class FeedbackIntake
{
    public const string Operation = "feedback.submit";

    /// <summary>The submission as it is stored (contact trimmed, card normalized); the field errors when there are any.</summary>
    public static Dictionary<string, string[]> Check(FeedbackSubmission body, out FeedbackSubmission submission)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Topic is null || !FeedbackRules.Topics.Contains(body.Topic))
        {
            errors["topic"] = [$"topic is required: one of {string.Join(", ", FeedbackRules.Topics)}."];
        }

        if (string.IsNullOrWhiteSpace(body.Message) || body.Message.Length > FeedbackRules.MaxMessage)
        {
            errors["message"] = [$"message is required: 1 to {FeedbackRules.MaxMessage} characters."];
        }

        if (body.Contact is { Length: > FeedbackRules.MaxContact })
        {
            errors["contact"] = [$"contact is at most {FeedbackRules.MaxContact} characters: an e-mail address or a phone number."];
        }

        submission = body with { Contact = string.IsNullOrWhiteSpace(body.Contact) ? null : body.Contact.Trim(), CardUid = Card(body.CardUid, "cardUid", errors) };
        Trip(body.TripTerminal, body.TripSequence, errors);
        return errors;
    }

    /// <summary>Stores a checked submission once per <paramref name="idempotencyKey"/>; 201 with the stored item, or 422 for a trip that is not the card's.</summary>
    public static Task<ChangeOutcome> SubmitAsync(ChangeRunner runner, string idempotencyKey, FeedbackSubmission submission, CancellationToken cancellation)
    {
        var request = ChangeRequests.Public(idempotencyKey, Operation, "passenger", submission);
        return runner.RunAsync(request, async change =>
        {
            if (await CheckTripAsync(change, submission.CardUid, submission.TripTerminal, submission.TripSequence, cancellation) is { } refusal)
            {
                return refusal;
            }

            var id = await FeedbackStore.InsertAsync(change, submission, cancellation);
            await change.AuditAsync(Operation, Subject(id), null, JsonSerializer.Serialize(new
            {
                submission.Topic,
                contactGiven = submission.Contact is not null,
                submission.CardUid,
                submission.TripTerminal,
                submission.TripSequence,
            }), cancellation);
            return new ChangeResult(StatusCodes.Status201Created, (await FeedbackStore.ReadAsync(change, id, cancellation))!);
        }, cancellation);
    }

    internal static string Subject(long id) => $"feedback:{id}";

    internal static string? Card(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!CardUid.TryNormalize(text.Trim(), out var uid))
        {
            errors[field] = [$"'{text}' is not a card number: {CardUid.Rule}."];
            return null;
        }

        return uid;
    }

    internal static void Trip(long? terminal, long? sequence, Dictionary<string, string[]> errors)
    {
        if ((terminal is null) != (sequence is null))
        {
            errors[terminal is null ? "tripTerminal" : "tripSequence"] = ["a trip is named by both tripTerminal and tripSequence, or neither."];
        }
        else if (terminal is < 0 or > uint.MaxValue || sequence is < 1 or > uint.MaxValue)
        {
            errors[terminal is < 0 or > uint.MaxValue ? "tripTerminal" : "tripSequence"] = ["a trip is a terminal id (0 to 4294967295) and a record sequence (1 to 4294967295)."];
        }
    }

    /// <summary>A trip named must be a stored record, and the card's own when a card is named too.</summary>
    internal static async Task<ChangeResult?> CheckTripAsync(ChangeContext change, string? card, long? terminal, long? sequence, CancellationToken cancellation)
    {
        if (terminal is not { } tripTerminal || sequence is not { } tripSequence)
        {
            return null;
        }

        var tripCard = await FeedbackStore.TripCardAsync(change, tripTerminal, tripSequence, cancellation);
        if (tripCard is null)
        {
            return DeskChange.Unprocessable("Unknown trip.", $"Terminal {tripTerminal} has no record {tripSequence}: take the trip from the card's history.");
        }

        return card is not null && tripCard != card
            ? DeskChange.Unprocessable("The trip is another card's.", $"Record {tripSequence} of terminal {tripTerminal} is {(tripCard.Length == 0 ? "a QR ride" : $"card {tripCard}'s")}, not card {card}'s.")
            : null;
    }
}
