using Backend.Ingest.Api;
using Backend.Ingest.Cards;
using Backend.Ingest.Ledger;
using Backend.Ingest.Loads;
using Backend.Ingest.Passenger;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Terminal.Firmware.Journal;

namespace Backend.Ingest.Web.Pages.Passenger;

/// <summary>
/// The passenger's card: signed in with its number and printed code, the card's status, ledger balance, recent
/// trips and its online top-ups (waiting for the next tap, or applied). A session shows only its own card: another
/// card's number in the address gets the sign-in form, never that card's data.
/// </summary>
[AllowAnonymous]
public sealed class MyCardModel : PassengerPageModel
{
    public const int Trips = 20;
    public const int Loads = 10;

    [BindProperty(SupportsGet = true)]
    public string? Uid { get; set; }

    [BindProperty]
    public string? CardNumber { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public string? Error { get; private set; }

    /// <summary>The card shown; null while the sign-in form is.</summary>
    public CardRecord? Card { get; private set; }

    public long Balance { get; private set; }

    public IReadOnlyList<TransactionView> History { get; private set; } = [];

    public IReadOnlyList<PendingLoad> TopUps { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var holder = await HolderOfAsync();
        var held = holder is not null && holder.StartsWith("card:", StringComparison.Ordinal) ? holder["card:".Length..] : null;
        if (Uid is null)
        {
            return held is null ? Page() : RedirectToPage(new { uid = held });
        }

        if (!TryCardNumber(Uid, out var uid) || uid != held)
        {
            // Another card's page, or no session: its data is not shown; the form asks for that card's code.
            CardNumber = Uid;
            if (held is not null)
            {
                Response.StatusCode = StatusCodes.Status403Forbidden;
                Error = "You are signed in with another card. Enter this card's code to see it.";
            }

            return Page();
        }

        var cancellation = HttpContext.RequestAborted;
        var dataSource = Service<System.Data.Common.DbDataSource>();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellation))
        {
            Card = await CardRegistry.FindAsync(connection, null, uid, cancellation);
        }

        if (Card is null)
        {
            await PassengerSession.SignOutAsync(HttpContext);
            return RedirectToPage(new { uid = (string?)null });
        }

        Balance = await Service<LedgerQueries>().BalanceAsync(LedgerAccounts.Card(uid), cancellation);
        History = (await Service<FareQueries>().CardHistoryAsync(uid, Trips, cancellation)).Where(record => KindText(record.Kind) is not null).ToList();
        TopUps = await PendingLoads.ListForCardAsync(dataSource, uid, Loads, cancellation);
        return Page();
    }

    public async Task<IActionResult> OnPostSignInAsync()
    {
        if (!TryCardNumber(CardNumber, out var uid))
        {
            Error = "The card number is the 8, 14 or 20 letters and digits (0-9, A-F) printed on your card.";
            return Page();
        }

        Error = await ProveAsync(LedgerAccounts.Card(uid), Code);
        return Error is null ? RedirectToPage(new { uid }) : Page();
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await PassengerSession.SignOutAsync(HttpContext);
        return RedirectToPage(new { uid = (string?)null });
    }

    /// <summary>What a status means for the passenger, in plain words.</summary>
    public static string StatusText(string status) => status switch
    {
        CardStatuses.Active => "Active: the card pays on any bus.",
        CardStatuses.Blocked => "Blocked: the card cannot pay. If you did not report it lost or stolen, call customer service.",
        CardStatuses.Refunded => "Refunded: the card's balance was paid out and it no longer pays.",
        _ => status,
    };

    /// <summary>
    /// A record of the card's history as the passenger reads it; null for the bookkeeping records that repeat an earlier
    /// one (a write confirmed, a terminal's own event).
    /// </summary>
    public static string? KindText(string kind) => kind switch
    {
        nameof(TxKind.CardTapAccepted) => "Ride",
        nameof(TxKind.Refusal) => "Refused at the reader",
        nameof(TxKind.CardWriteAbandoned) => "Fare given back (the card was pulled away before it was written)",
        nameof(TxKind.TopUp) => "Top-up",
        nameof(TxKind.LoadApplied) => "Online top-up added",
        nameof(TxKind.LoadAbandoned) => "Online top-up not written (it is taken again at the next tap)",
        _ => null,
    };
}
