namespace Backend.Ingest.Web;

/// <summary>The idempotency key of a page's form: drawn when the page was shown, so a form sent twice (a double click, a reload) changes once.</summary>
public static class StaffForms
{
    /// <summary>The form's key; a form without a usable one (not from this application's pages) gets a fresh key.</summary>
    public static string Key(string? posted) => posted is { Length: > 0 and <= 100 } ? posted : Guid.NewGuid().ToString();
}
