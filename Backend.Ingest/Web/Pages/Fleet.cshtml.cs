using Backend.Ingest.Fleet;
using Backend.Ingest.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Backend.Ingest.Web.Pages;

/// <summary>
/// Every terminal (operations): the versions it holds, its journal backlog, when it was last heard from, online or
/// offline by the heartbeat rule, and the dashboard's alarms about it; filtered by state and sorted by a column.
/// </summary>
[Authorize(Policy = StaffPolicies.OperateFleet)]
public sealed class FleetModel(TerminalActivity activity, TimeProvider clock) : PageModel
{
    /// <summary>The states a terminal can be filtered by, as the query's <c>state</c> spells them, and what each shows.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> States =
        [("all", "All terminals"), ("online", "Online"), ("offline", "Offline"), ("alarm", "With an alarm")];

    /// <summary>The orders the list can take, as the query's <c>sort</c> spells them.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Sorts =
        [("terminal", "Terminal id"), ("last-seen", "Last seen, longest silent first"), ("backlog", "Backlog, largest first")];

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    public Dictionary<string, string> Errors { get; } = [];

    public IReadOnlyList<FleetTerminal> Terminals { get; private set; } = [];

    /// <summary>How many terminals there are in all, and online, whatever the filter.</summary>
    public (int All, int Online) Counts { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync()
    {
        State = string.IsNullOrEmpty(State) ? "all" : State;
        Sort = string.IsNullOrEmpty(Sort) ? "terminal" : Sort;
        Check("state", State, States);
        Check("sort", Sort, Sorts);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Now = clock.GetUtcNow();
        var all = await activity.ListAsync(HttpContext.RequestAborted);
        Counts = (all.Count, all.Count(terminal => terminal.View.Online));
        var shown = all.Where(terminal => State switch
        {
            "online" => terminal.View.Online,
            "offline" => !terminal.View.Online,
            "alarm" => terminal.Alarms.Count > 0,
            _ => true,
        });
        Terminals = (Sort switch
        {
            "last-seen" => shown.OrderBy(terminal => terminal.View.LastSeenAt ?? DateTimeOffset.MinValue),
            "backlog" => shown.OrderByDescending(terminal => terminal.View.JournalBacklog ?? -1),
            _ => shown.OrderBy(terminal => terminal.View.TerminalId),
        }).ThenBy(terminal => terminal.View.TerminalId).ToList();
    }

    private void Check(string field, string value, IReadOnlyList<(string Value, string Label)> allowed)
    {
        if (!allowed.Any(choice => choice.Value == value))
        {
            Errors[field] = $"{field} '{value}' is not one of {string.Join(", ", allowed.Select(choice => choice.Value))}.";
        }
    }
}
