using Backend.Ingest.Changes;

namespace Backend.Ingest.Ledger;

/// <summary>
/// What every changing endpoint of the desk (cards, accounts, ledger) shares: the <see cref="ChangeRequest"/> of an
/// HTTP request, its refusals as RFC 9457 problems, and the 400 for a missing Idempotency-Key.
/// </summary>
internal static class DeskChange
{
    /// <summary>
    /// The request's change, fingerprinted from <paramref name="operation"/>, the subject (route value) and the
    /// validated content; null when the Idempotency-Key header is missing or malformed.
    /// </summary>
    public static ChangeRequest? Request(HttpContext http, string operation, string subject, object content)
    {
        if (!IdempotencyKey.TryRead(http, out var key))
        {
            return null;
        }

        return ChangeRequests.For(http, key, operation, new { operation, subject, content });
    }

    public static IResult MissingKey() => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [IdempotencyKey.Header] = [IdempotencyKey.Rule] },
        title: "The request has no valid Idempotency-Key.");

    public static IResult Invalid(Dictionary<string, string[]> errors, string title) => TypedResults.ValidationProblem(errors, title: title);

    public static ChangeResult NotFound(string title, string detail) => ChangeRequests.Problem(StatusCodes.Status404NotFound, title, detail);

    public static ChangeResult Conflict(string title, string detail) => ChangeRequests.Problem(StatusCodes.Status409Conflict, title, detail);

    public static ChangeResult Unprocessable(string title, string detail) => ChangeRequests.Problem(StatusCodes.Status422UnprocessableEntity, title, detail);

    public static ChangeResult BadRequest(string field, string message, string title) =>
        new(StatusCodes.Status400BadRequest, new
        {
            type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            title,
            status = StatusCodes.Status400BadRequest,
            errors = new Dictionary<string, string[]> { [field] = [message] },
        });
}
