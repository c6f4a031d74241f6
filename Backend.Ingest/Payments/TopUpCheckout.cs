using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Backend.Ingest.Accounts;
using Backend.Ingest.Api;
using Backend.Ingest.Cards;
using Backend.Ingest.Changes;
using Backend.Ingest.Ledger;
using Backend.Ingest.Loads;
using Microsoft.Extensions.Options;
using Terminal.Firmware.Card;

namespace Backend.Ingest.Payments;

/// <summary>
/// Opens an online top-up: checks it, then, as one change, opens the provider's checkout and records the payment with
/// its audit row. The one code path of <c>POST /api/payments/top-ups</c> and the passenger's top-up page.
/// </summary>
public sealed class TopUpCheckout(ChangeRunner runner, IPaymentProvider provider, IOptions<PaymentOptions> options)
{
    public const string Operation = "payment.top-up";

    /// <summary>The checked top-up; the field errors (by request field name) when there are any.</summary>
    public Dictionary<string, string[]> Check(TopUpRequest? body, out TopUpTarget target)
    {
        var settings = options.Value;
        var errors = new Dictionary<string, string[]>();
        string? cardUid = null;
        if (body?.CardUid is null == body?.AccountId is null)
        {
            errors["cardUid"] = ["give either cardUid (the card to top up) or accountId (the account), not both and not neither."];
        }
        else if (body!.CardUid is not null && !CardUid.TryNormalize(body.CardUid, out cardUid))
        {
            errors["cardUid"] = [$"cardUid '{body.CardUid}' is not valid: {CardUid.Rule}."];
        }
        else if (body.AccountId is { } id && !AccountRegistry.IsId(id))
        {
            errors["accountId"] = [$"accountId {id} is not an account id: a whole number from 1 to {AccountRegistry.MaxId}."];
        }

        if (body?.Amount is not { } amount || amount < settings.MinAmount || amount > settings.MaxAmount)
        {
            errors["amount"] = [$"amount is the top-up in cents, {settings.MinAmount} to {settings.MaxAmount} ({MinorUnits.Format(settings.MinAmount)} to {MinorUnits.Format(settings.MaxAmount)})."];
            amount = 0;
        }

        target = new TopUpTarget(cardUid, body?.AccountId, amount);
        return errors;
    }

    /// <summary>What the change is fingerprinted from: the same top-up under the same key is the same request, from the API or the page.</summary>
    public static object Content(TopUpTarget target) => new
    {
        operation = Operation,
        subject = target.LedgerAccount,
        content = new { cardUid = target.CardUid, accountId = target.AccountId, amount = target.Amount },
    };

    /// <summary>
    /// Runs the top-up as <paramref name="request"/>; the provider sends the payer back to <paramref name="returnUrl"/>
    /// of the payment id when given, else to Backend:Payments:ReturnUrl.
    /// </summary>
    public Task<ChangeOutcome> OpenAsync(ChangeRequest request, TopUpTarget target, Func<string, string>? returnUrl, CancellationToken cancellation)
    {
        var settings = options.Value;
        return runner.RunAsync(request, async change =>
        {
            if (await TargetRefusalAsync(change, target, cancellation) is { } refusal)
            {
                return refusal;
            }

            var paymentId = PaymentIdFor(request);
            var description = target.CardUid is not null ? $"Bus fare top-up of card {target.CardUid}" : $"Bus fare top-up of account {target.AccountId}";
            CheckoutSession session;
            try
            {
                // Before any write, so the transaction holds no lock while the provider answers; the key makes a retry
                // after a lost answer reopen the same session.
                session = await provider.CreateCheckoutAsync(
                    new CheckoutRequest(paymentId, target.Amount, settings.Currency, description, returnUrl?.Invoke(paymentId) ?? settings.ReturnUrl, "checkout:" + paymentId),
                    cancellation);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return ChangeRequests.Problem(StatusCodes.Status502BadGateway, "The payment provider did not open a checkout.",
                    $"{provider.Name} answered: {e.Message}. Nothing was charged; retry with the same Idempotency-Key.");
            }

            var payment = new PaymentRecord(paymentId, provider.Name, target.CardUid is not null ? PaymentRecord.CardTarget : PaymentRecord.AccountTarget,
                target.CardUid, target.AccountId, target.Amount, settings.Currency, PaymentStatuses.Open, session.SessionId, null, session.Url,
                session.ExpiresAt.ToUnixTimeMilliseconds(), change.Now, change.Request.Actor, null, null, null, null, null, null, null);
            await PaymentStore.InsertAsync(change, payment, cancellation);
            await change.AuditAsync("payment.create", PaymentLedger.SourceKey(paymentId), null,
                JsonSerializer.Serialize(new { amount = target.Amount, target = target.LedgerAccount, provider = provider.Name, session = session.SessionId }), cancellation);
            return new ChangeResult(StatusCodes.Status201Created, PaymentView.Of(payment, null));
        }, cancellation);
    }

    /// <summary>Null when the card or account may be topped up now; else the refusal.</summary>
    private static async Task<ChangeResult?> TargetRefusalAsync(ChangeContext change, TopUpTarget target, CancellationToken cancellation)
    {
        if (target.CardUid is { } cardUid)
        {
            if (await CardRegistry.FindAsync(change.Connection, change.Transaction, cardUid, cancellation) is not { } card)
            {
                return DeskChange.NotFound("Unknown card.", $"Card {cardUid} is not in the registry: check the number printed on the card.");
            }

            if (card.Status != CardStatuses.Active)
            {
                return DeskChange.Conflict("The card cannot be topped up.", $"Card {cardUid} is {card.Status}: only an active card can be topped up.");
            }

            var balance = await LedgerQueries.BalanceAsync(change.Connection, change.Transaction, LedgerAccounts.Card(cardUid), cancellation);
            var pending = await PendingForCardAsync(change, cardUid, cancellation);
            return balance + pending + target.Amount <= PurseCodec.MaxBalance
                ? null
                : DeskChange.Unprocessable("The top-up does not fit on the card.",
                    $"Card {cardUid} holds {MinorUnits.Format(balance)} and has {MinorUnits.Format(pending)} waiting; with {MinorUnits.Format(target.Amount)} more it would pass the {MinorUnits.Format(PurseCodec.MaxBalance)} a card can hold.");
        }

        if (await AccountRegistry.StatusAsync(change.Connection, change.Transaction, target.AccountId!.Value, cancellation) is not { } status)
        {
            return DeskChange.NotFound("Unknown account.", $"Account {target.AccountId} does not exist.");
        }

        return status == AccountRegistry.Active
            ? null
            : DeskChange.Conflict("The account cannot be topped up.", $"Account {target.AccountId} is {status}: only an active account can be topped up.");
    }

    private static async Task<long> PendingForCardAsync(ChangeContext change, string cardUid, CancellationToken cancellation)
    {
        await using var command = change.Command("select coalesce(sum(amount), 0) from pending_loads where card_uid = @uid and status = @pending");
        command.With("uid", cardUid).With("pending", PendingLoadStatuses.Pending);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation));
    }

    /// <summary>
    /// Derived from the client's key and request, not drawn at random: a retry after a lost answer (the provider opened
    /// the session, our commit failed) names the same payment, which the provider's idempotency requires.
    /// </summary>
    private static string PaymentIdFor(ChangeRequest request) =>
        "pay_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{request.Operation}\n{request.IdempotencyKey}\n{request.Fingerprint}")))[..32];
}

/// <summary>A checked top-up: a card (normalized UID) or an account, and the amount in cents.</summary>
public sealed record TopUpTarget(string? CardUid, long? AccountId, long Amount)
{
    public string LedgerAccount => CardUid is not null ? LedgerAccounts.Card(CardUid) : LedgerAccounts.Account(AccountId!.Value);
}
