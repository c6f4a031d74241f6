using System.ComponentModel;
using System.Data.Common;
using System.Text.Json;
using Backend.Ingest.Api;
using Backend.Ingest.Changes;
using Backend.Ingest.Identity;
using Backend.Ingest.Ledger;
using Backend.Ingest.Loads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Payments;

/// <summary>
/// Online top-ups under /api/payments: a passenger (anonymous, limited) or staff opens a checkout for a card or an
/// account, the provider's webhook says it was paid, staff refund it. Changes run through <see cref="ChangeRunner"/>.
/// </summary>
internal static class PaymentEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var payments = api.MapGroup("/payments").WithTags("Payments");
        payments.MapPost("/top-ups", TopUp)
            .AllowAnonymous()
            .WithName("CreateTopUp")
            .WithSummary("Opens a checkout at the payment provider to top up a card or an account (Idempotency-Key required); answers its checkout URL")
            .Produces<PaymentView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        payments.MapPost("/webhooks/{provider}", (HttpContext http, PaymentWebhooks webhooks, string provider, CancellationToken cancellation) =>
                webhooks.ReceiveAsync(http, provider, cancellation))
            .AllowAnonymous()
            .WithName("PaymentWebhook")
            .WithSummary("A payment provider's signed event (Stripe-Signature header): paid, expired, refunded")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        payments.MapGet("/counters", (PaymentCounters counters) => counters.Snapshot())
            .RequireAuthorization(StaffPolicies.KeepBooks)
            .WithName("PaymentCounters")
            .WithSummary("Webhook deliveries received, applied, redelivered and refused; top-ups credited; refunds sent and refused");
        payments.MapGet("/payout-reconciliation", PayoutReconciliationEndpoint.Get)
            .RequireAuthorization(StaffPolicies.KeepBooks)
            .WithName("PayoutReconciliation")
            .WithSummary("The provider's payout report matched against our payments: unmatched on either side, amounts that differ, fee totals")
            .Produces<PayoutReconciliation>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status502BadGateway);
        payments.MapPost("/payout-reconciliation/fees", PayoutReconciliationEndpoint.PostFees)
            .RequireAuthorization(StaffPolicies.KeepBooks)
            .WithName("PostPaymentFees")
            .WithSummary("Books the provider's fees of the matched payments of the period into expense:payment-fees, once each (Idempotency-Key required)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status502BadGateway);
        payments.MapGet("/{id}", Get)
            .AllowAnonymous()
            .WithName("GetPayment")
            .WithSummary("A top-up: where it stands, its checkout URL while open, its card load (the random payment id is the passenger's handle)")
            .Produces<PaymentView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        payments.MapPost("/{id}/refund", Refund)
            .RequireAuthorization(StaffPolicies.Refund)
            .WithName("RefundPayment")
            .WithSummary("Refunds a paid top-up through its provider, once (Idempotency-Key required): an account's up to its balance, a card's while its load is pending")
            .Produces<PaymentView>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> TopUp(
        HttpContext http, TopUpCheckout checkout, PassengerTopUpLimiter limiter, IOptions<PaymentOptions> options,
        [FromBody] TopUpRequest? body, CancellationToken cancellation)
    {
        if (!limiter.TryAcquire(http))
        {
            http.Response.Headers.RetryAfter = "60";
            return TypedResults.Problem(title: "Too many top-up requests.",
                detail: $"At most {options.Value.PassengerRequestsPerMinute} top-up requests a minute from one address; try again in a minute.",
                statusCode: StatusCodes.Status429TooManyRequests);
        }

        var errors = checkout.Check(body, out var target);
        if (errors.Count > 0)
        {
            return DeskChange.Invalid(errors, "The top-up is not valid.");
        }

        if (!IdempotencyKey.TryRead(http, out var key))
        {
            return DeskChange.MissingKey();
        }

        // Staff open a top-up under their own name; a passenger does not sign in, and is audited as one.
        var content = TopUpCheckout.Content(target);
        var request = http.User.Identity?.IsAuthenticated == true
            ? ChangeRequests.For(http, key, TopUpCheckout.Operation, content)
            : ChangeRequests.Public(key, TopUpCheckout.Operation, "passenger", content);
        var outcome = await checkout.OpenAsync(request, target, returnUrl: null, cancellation);
        return outcome.ToHttpResult(http);
    }

    private static async Task<IResult> Get(DbDataSource dataSource, [Description("The payment id, pay_ and 32 hex digits.")] string id, CancellationToken cancellation)
    {
        if (await PaymentStore.FindAsync(dataSource, id, cancellation) is not { } payment)
        {
            return UnknownPayment(id);
        }

        return TypedResults.Ok(PaymentView.Of(payment, await LoadOfAsync(dataSource, payment, cancellation)));
    }

    private static async Task<IResult> Refund(
        HttpContext http, ChangeRunner runner, PaymentRefundService refunds,
        [Description("The payment id, pay_ and 32 hex digits.")] string id,
        [FromBody] PaymentRefundRequest? body, CancellationToken cancellation)
    {
        if (body?.Reason is not { Length: >= 1 and <= 200 } reason || string.IsNullOrWhiteSpace(reason))
        {
            return DeskChange.Invalid(new() { ["reason"] = ["reason is required: why the payment is refunded, 1 to 200 characters."] }, "The refund is not valid.");
        }

        if (DeskChange.Request(http, "payment.refund", id, new { reason }) is not { } request)
        {
            return DeskChange.MissingKey();
        }

        var outcome = await runner.RunAsync(request, async change =>
        {
            if (await PaymentStore.LockAsync(change, id, cancellation) is not { } payment)
            {
                return DeskChange.NotFound("Unknown payment.", $"There is no payment {id}.");
            }

            if (payment.Status is PaymentStatuses.Refunding or PaymentStatuses.Refunded)
            {
                return DeskChange.Conflict("The payment is refunded already.",
                    $"Payment {id} was refunded ({MinorUnits.Format(payment.RefundAmount ?? 0)}: {payment.RefundReason}); a payment is refunded once.");
            }

            if (payment.Status != PaymentStatuses.Paid)
            {
                return DeskChange.Conflict("The payment was not paid.", $"Payment {id} is {payment.Status}: nothing was charged, so there is nothing to refund.");
            }

            var reversal = await PaymentLedger.ReverseAsync(change, payment, reason, cancellation);
            if (reversal.Refusal is not null)
            {
                return DeskChange.Conflict("The top-up cannot be refunded online.", $"Payment {id} cannot be refunded: {reversal.Refusal}.");
            }

            await PaymentStore.MarkRefundingAsync(change, id, reversal.Amount, reason, cancellation);
            await change.AuditAsync("payment.refund", PaymentLedger.SourceKey(id), reason, JsonSerializer.Serialize(new { amount = reversal.Amount }), cancellation);
            var refunding = payment with { Status = PaymentStatuses.Refunding, RefundAmount = reversal.Amount, RefundReason = reason };
            return new ChangeResult(StatusCodes.Status202Accepted, PaymentView.Of(refunding, await LoadOfAsync(change, refunding, cancellation)));
        }, cancellation);
        if (outcome.Status == StatusCodes.Status202Accepted && !outcome.Replayed)
        {
            refunds.Wake();
        }

        return outcome.ToHttpResult(http);
    }

    private static Task<PendingLoad?> LoadOfAsync(DbDataSource dataSource, PaymentRecord payment, CancellationToken cancellation) =>
        payment.Target == PaymentRecord.CardTarget ? PendingLoads.ReadForPaymentAsync(dataSource, payment.PaymentId, cancellation) : Task.FromResult<PendingLoad?>(null);

    private static Task<PendingLoad?> LoadOfAsync(ChangeContext change, PaymentRecord payment, CancellationToken cancellation) =>
        payment.Target == PaymentRecord.CardTarget ? PendingLoads.ReadForPaymentAsync(change, payment.PaymentId, cancellation) : Task.FromResult<PendingLoad?>(null);

    private static IResult UnknownPayment(string id) =>
        TypedResults.Problem(title: "Unknown payment.", detail: $"There is no payment {id}.", statusCode: StatusCodes.Status404NotFound);
}
