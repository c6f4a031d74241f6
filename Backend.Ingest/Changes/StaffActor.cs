namespace Backend.Ingest.Changes;

/// <summary>
/// Who makes a change, for the audit log: the signed-in staff member's user name, or the name of the API key the
/// request presented (Backend.Ingest/Identity). No header a client sends is taken for it.
/// </summary>
public static class StaffActor
{
    public static string Of(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
            ? name
            : throw new InvalidOperationException("A change reached its endpoint unauthenticated: every changing endpoint requires a signed-in staff member or an API key.");
}
