using System.Data.Common;
using Backend.Ingest.Loads;
using Backend.Ingest.Payments;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Backend.Ingest.Web.Pages.Passenger;

/// <summary>
/// Where the payment provider sends the payer back: the top-up by its payment id (random, the passenger's handle, as
/// for <c>GET /api/payments/{id}</c>), waiting for the provider, paid and waiting for the card's next tap, or on the
/// card. It needs no session, since the provider's redirect may come back without the site's cookies.
/// </summary>
[AllowAnonymous]
public sealed class TopUpResultModel : PassengerPageModel
{
    [BindProperty(SupportsGet = true)]
    public string PaymentId { get; set; } = "";

    public PaymentView? Payment { get; private set; }

    /// <summary>Whether the page should look again in a few seconds: the provider has not told us yet.</summary>
    public bool Waiting => Payment is { Status: PaymentStatuses.Open };

    public async Task<IActionResult> OnGetAsync()
    {
        var dataSource = Service<DbDataSource>();
        if (await PaymentStore.FindAsync(dataSource, PaymentId, HttpContext.RequestAborted) is not { } payment)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        var load = payment.Target == PaymentRecord.CardTarget ? await PendingLoads.ReadForPaymentAsync(dataSource, payment.PaymentId, HttpContext.RequestAborted) : null;
        Payment = PaymentView.Of(payment, load);
        return Page();
    }

    /// <summary>The card's number with all but its last four digits hidden: the result page needs no session, so it shows no full number.</summary>
    public static string Masked(string uid) => new string('•', Math.Max(0, uid.Length - 4)) + uid[^4..];

    /// <summary>Where the top-up stands, in the passenger's words.</summary>
    public string Outcome()
    {
        var payment = Payment!;
        var amount = MinorUnitsText.Of(payment.Amount);
        return (payment.Status, payment.Load?.Status) switch
        {
            (PaymentStatuses.Open, _) => $"Waiting for the payment of {amount}. This page updates by itself.",
            (PaymentStatuses.Expired, _) => $"Not paid: the checkout was cancelled or lapsed. Nothing was charged.",
            (PaymentStatuses.Refunding or PaymentStatuses.Refunded, _) => $"Refunded: {MinorUnitsText.Of(payment.RefundAmount ?? payment.Amount)} goes back the way you paid.",
            (_, PendingLoadStatuses.Pending) => $"Paid {amount}: added at your next tap on any bus.",
            (_, PendingLoadStatuses.Applied) => $"Paid {amount}: added to your card at {TimeText.Of(payment.Load!.AppliedAt!.Value)}.",
            (_, PendingLoadStatuses.Expired) => $"Paid {amount}, but the card did not tap a bus in time: the money goes back the way you paid.",
            (_, PendingLoadStatuses.Withdrawn) => $"Paid {amount}, then taken back: the money goes back the way you paid.",
            _ when payment.AccountId is not null => $"Paid {amount}: on your account now, ready for QR rides.",
            _ => $"Paid {amount}: it is on its way to your card.",
        };
    }
}
