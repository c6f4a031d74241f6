using System.Text.Json;

namespace Backend.Ingest.Changes;

/// <summary>The answer to send: the status and JSON body of the first execution, and whether this is a replay of it.</summary>
public sealed record ChangeOutcome(int Status, string Body, bool Replayed)
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>As an HTTP result; a replay says so in the <c>Idempotent-Replayed: true</c> header.</summary>
    public IResult ToHttpResult(HttpContext context)
    {
        if (Replayed)
        {
            context.Response.Headers[ReplayedHeader] = "true";
        }

        return Results.Content(Body, Status >= 400 ? "application/problem+json" : "application/json", statusCode: Status);
    }
}
