namespace Backend.Ingest.Changes;

/// <summary>
/// Who makes a change, for the audit log: the signed-in user once the web application authenticates staff; until
/// then the <c>X-Actor</c> header a desk or integration sends, else "api".
/// </summary>
public static class StaffActor
{
    public const string Header = "X-Actor";

    public static string Of(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name
        : context.Request.Headers[Header].ToString() is { Length: > 0 and <= 100 } given ? given
        : "api";
}
