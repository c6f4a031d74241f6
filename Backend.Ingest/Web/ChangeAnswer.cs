using System.Text.Json;
using Backend.Ingest.Changes;

namespace Backend.Ingest.Web;

/// <summary>What a page tells the staff member after a change: done, or the refusal's detail from its problem answer.</summary>
public sealed record ChangeAnswer(bool Succeeded, string Text)
{
    public static ChangeAnswer Of(ChangeOutcome outcome, string done)
    {
        if (outcome.Status < 400)
        {
            return new ChangeAnswer(true, outcome.Replayed ? $"{done} (this form was sent before: nothing changed again)" : done);
        }

        using var problem = JsonDocument.Parse(outcome.Body);
        var detail = problem.RootElement.TryGetProperty("detail", out var text) ? text.GetString() : null;
        return new ChangeAnswer(false, detail ?? $"Refused ({outcome.Status}).");
    }

    public static ChangeAnswer Refused(string why) => new(false, why);
}
