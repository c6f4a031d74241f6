using Backend.Ingest.Api;
using Backend.Ingest.Fleet;
using Backend.Ingest.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Backend.Ingest.Web.Pages;

/// <summary>
/// One terminal (operations): its status as on the fleet page, its recent journal events (boots, downlink
/// activations, blacklist unchecked...) in words, and its recent transactions. An id that is not a terminal's is a
/// 404 page saying so.
/// </summary>
[Authorize(Policy = StaffPolicies.OperateFleet)]
public sealed class FleetTerminalModel(TerminalActivity activity, TimeProvider clock) : PageModel
{
    public FleetTerminal? Terminal { get; private set; }

    /// <summary>Why there is no terminal to show, when <see cref="Terminal"/> is null.</summary>
    public string Missing { get; private set; } = "";

    public IReadOnlyList<TerminalEventView> Events { get; private set; } = [];

    public IReadOnlyList<TransactionView> Transactions { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(string id)
    {
        Now = clock.GetUtcNow();
        if (!uint.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var terminalId))
        {
            Missing = $"'{id}' is not a terminal id: terminal ids are whole numbers from 0 to 4294967295.";
        }
        else if (await activity.FindAsync(terminalId, HttpContext.RequestAborted) is { } terminal)
        {
            Terminal = terminal;
            Events = await activity.EventsAsync(terminalId, HttpContext.RequestAborted);
            Transactions = await activity.TransactionsAsync(terminalId, HttpContext.RequestAborted);
            return;
        }
        else
        {
            Missing = $"Terminal {terminalId} has sent neither a status nor a batch of records.";
        }

        Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
