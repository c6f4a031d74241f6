using System.Globalization;
using System.Text.Json;
using Backend.Ingest.Changes;
using Backend.Ingest.Ledger;
using Backend.Ingest.Payments;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Web.Pages.Passenger;

/// <summary>
/// Online top-up of a card or an account: the passenger proves they hold it (the session, or its number and code
/// here), chooses the amount within Backend:Payments' limits, and is sent to the provider's checkout, which sends
/// them back to the result page. The form carries its idempotency key, so sending it twice opens one payment.
/// </summary>
[AllowAnonymous]
public sealed class TopUpModel : PassengerPageModel
{
    public const string CardTarget = "card";
    public const string AccountTarget = "account";

    [BindProperty]
    public string? Target { get; set; } = CardTarget;

    [BindProperty]
    public string? CardNumber { get; set; }

    [BindProperty]
    public string? AccountNumber { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Amount { get; set; } = "10.00";

    [BindProperty]
    public string? FormKey { get; set; }

    /// <summary>The card or account of the passenger session (<c>card:UID</c>, <c>account:ID</c>), topped up without a code.</summary>
    public string? Held { get; private set; }

    public string? Error { get; private set; }

    public string Limits { get; private set; } = "";

    public async Task OnGetAsync()
    {
        FormKey = NewFormKey();
        await PrepareAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await PrepareAsync();
        var settings = Service<IOptions<PaymentOptions>>().Value;
        if (!IdempotencyKey.IsValid(FormKey))
        {
            FormKey = NewFormKey();
            return Refuse("The form has expired. Check the amount and press Pay again.");
        }

        if (!TryCents(Amount, out var cents) || cents < settings.MinAmount || cents > settings.MaxAmount)
        {
            return Refuse($"Choose an amount from {Limits}.");
        }

        string subject;
        if (Held is not null)
        {
            subject = Held;
        }
        else if (Target == AccountTarget)
        {
            if (!long.TryParse(AccountNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var accountId) || accountId < 1 || accountId > uint.MaxValue)
            {
                return Refuse("The account number is the number on your account letter.");
            }

            subject = LedgerAccounts.Account(accountId);
        }
        else if (TryCardNumber(CardNumber, out var uid))
        {
            subject = LedgerAccounts.Card(uid);
        }
        else
        {
            return Refuse("The card number is the 8, 14 or 20 letters and digits (0-9, A-F) printed on your card.");
        }

        if (Held is null && await ProveAsync(subject, Code) is { } refusal)
        {
            return Refuse(refusal);
        }

        if (!Service<PassengerTopUpLimiter>().TryAcquire(HttpContext))
        {
            return Refuse($"At most {settings.PassengerRequestsPerMinute} top-ups a minute from one connection: wait a minute and press Pay again.");
        }

        var body = subject.StartsWith("card:", StringComparison.Ordinal)
            ? new TopUpRequest(subject["card:".Length..], null, cents)
            : new TopUpRequest(null, long.Parse(subject["account:".Length..], CultureInfo.InvariantCulture), cents);
        var checkout = Service<TopUpCheckout>();
        if (checkout.Check(body, out var target) is { Count: > 0 } errors)
        {
            return Refuse(string.Join(" ", errors.Values.SelectMany(e => e)));
        }

        var request = ChangeRequests.Public(FormKey!, TopUpCheckout.Operation, "passenger", TopUpCheckout.Content(target));
        var back = $"{Request.Scheme}://{Request.Host}/top-up/";
        var outcome = await checkout.OpenAsync(request, target, paymentId => back + paymentId, HttpContext.RequestAborted);
        if (outcome.Status != StatusCodes.Status201Created)
        {
            return Refuse(ChangeAnswer.Of(outcome, "").Text);
        }

        var payment = JsonSerializer.Deserialize<PaymentView>(outcome.Body, JsonSerializerOptions.Web)!;
        // The same form sent again: the payment is open or paid already, so the result page says where it stands.
        return outcome.Replayed || payment.CheckoutUrl is null
            ? RedirectToPage("/Passenger/TopUpResult", new { paymentId = payment.PaymentId })
            : Redirect(payment.CheckoutUrl);
    }

    private async Task PrepareAsync()
    {
        Held = await HolderOfAsync();
        var settings = Service<IOptions<PaymentOptions>>().Value;
        Limits = $"{MinorUnitsText.Of(settings.MinAmount)} to {MinorUnitsText.Of(settings.MaxAmount)}";
    }

    private IActionResult Refuse(string why)
    {
        Error = why;
        return Page();
    }

    /// <summary>"10", "10.5" or "10.50" (a comma taken as the point) in cents; false for anything else.</summary>
    private static bool TryCents(string? text, out long cents)
    {
        cents = 0;
        var typed = (text ?? "").Trim().Replace(',', '.');
        if (!decimal.TryParse(typed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || decimal.Round(amount, 2) != amount || amount > 1_000_000m)
        {
            return false;
        }

        cents = (long)(amount * 100);
        return true;
    }
}
