using System.Globalization;
using System.Text;
using Backend.Ingest.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Backend.Ingest.Web.Pages;

/// <summary>The audit log (auditor, admin): filter by actor, action, subject and date range; export what is shown as CSV. Read only.</summary>
[Authorize(Policy = StaffPolicies.ReadAudit)]
public sealed class AuditModel(AuditLog audit) : PageModel
{
    public const int PageRows = 200;

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionText { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Subject { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public IReadOnlyList<AuditLog.Entry> Entries { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = [];

    public async Task OnGetAsync()
    {
        if (Parse() is { } filter)
        {
            Entries = await audit.FindAsync(filter, PageRows, HttpContext.RequestAborted);
        }
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        if (Parse() is not { } filter)
        {
            return BadRequest(string.Join(" ", Errors.Values));
        }

        var rows = await audit.FindAsync(filter, AuditLog.MaxRows, HttpContext.RequestAborted);
        return File(Encoding.UTF8.GetBytes(AuditCsv.Write(rows)), "text/csv; charset=utf-8", "audit-log.csv");
    }

    private AuditLog.Filter? Parse()
    {
        var from = Day(nameof(From), From);
        var to = Day(nameof(To), To);
        if (from is { } first && to is { } last && first > last)
        {
            Errors[nameof(To)] = "'To' is before 'From'.";
        }

        foreach (var (field, value) in new[] { (nameof(Actor), Actor), ("Action", ActionText), (nameof(Subject), Subject) })
        {
            if (value is { Length: > 200 })
            {
                Errors[field] = $"{field}: at most 200 characters.";
            }
        }

        return Errors.Count == 0 ? new AuditLog.Filter(Actor, ActionText, Subject, from, to) : null;
    }

    private DateOnly? Day(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        Errors[field] = $"'{field}' is not a date: write it as YYYY-MM-DD.";
        return null;
    }
}
