using System.Net;
using Backend.Ingest.Payments;
using Backend.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Backend.Tests.Payments;

/// <summary>Refunds through the sandbox provider: once, reversing the ledger, within what can still be taken back; expired loads refunded.</summary>
public sealed class RefundTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AStaffRefundOfAnAccountTopUpReversesItAndThePayerIsPaidBackOnce(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind);
        await host.AddAccountAsync(4242);
        var paymentId = await PaidAsync(host, new { accountId = 4242, amount = 1500 });
        var key = Guid.NewGuid().ToString();

        var refund = await host.PostAsync($"/api/payments/{paymentId}/refund", new { reason = "passenger asked" }, key);
        var again = await host.PostAsync($"/api/payments/{paymentId}/refund", new { reason = "passenger asked" }, key);
        var second = await host.PostAsync($"/api/payments/{paymentId}/refund", new { reason = "asked twice" });

        Assert.Equal(HttpStatusCode.Accepted, refund.StatusCode);
        Assert.Equal("refunding", (await PaymentsHost.JsonAsync(refund)).GetProperty("status").GetString());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        await ProblemAssert.HasDetailAsync(second, HttpStatusCode.Conflict, "a payment is refunded once");
        var refunded = await host.PaymentReachesAsync(paymentId, "refunded");
        Assert.Equal(1500, refunded.GetProperty("refundAmount").GetInt64());
        Assert.Equal(0, await host.BalanceAsync("account:4242"));
        Assert.Equal(0, await host.BalanceAsync("clearing:payments"));
        Assert.Single(host.Sandbox.Payouts, p => p.Type == PayoutLine.Refund && p.PaymentId == paymentId && p.Gross == -1500);
        Assert.Equal(1, await host.ScalarAsync($"select count(*) from audit_log where action = 'payment.refund' and actor = 'desk-7' and reason = 'passenger asked'"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task FiveRefundsOfOnePaymentRacingUnderDifferentKeysRefundItOnce(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind);
        await host.AddAccountAsync(4242);
        var paymentId = await PaidAsync(host, new { accountId = 4242, amount = 1500 });

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(async i =>
            (await host.PostAsync($"/api/payments/{paymentId}/refund", new { reason = $"desk {i}" })).StatusCode));

        Assert.Equal(1, answers.Count(a => a == HttpStatusCode.Accepted));
        Assert.Equal(4, answers.Count(a => a == HttpStatusCode.Conflict));
        await host.PaymentReachesAsync(paymentId, "refunded");
        Assert.Single(host.Sandbox.Payouts, p => p.Type == PayoutLine.Refund);
        Assert.Equal(0, await host.BalanceAsync("account:4242"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AnAccountRefundTakesBackOnlyWhatIsLeftOfItsBalance(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind);
        await host.AddAccountAsync(4242);
        var paymentId = await PaidAsync(host, new { accountId = 4242, amount = 1500 });
        await host.ExecuteAsync("""
            insert into ledger_transfers (kind, debit_account, credit_account, amount, source_key, leg, occurred_at, posted_at)
            values ('qr_charge', 'account:4242', 'revenue:fares', 600, 'test-ride', 0, 0, 0)
            """);

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync($"/api/payments/{paymentId}/refund", new { reason = "moving away" })).StatusCode);

        var refunded = await host.PaymentReachesAsync(paymentId, "refunded");
        Assert.Equal(900, refunded.GetProperty("refundAmount").GetInt64());
        Assert.Equal(0, await host.BalanceAsync("account:4242"));
        Assert.Single(host.Sandbox.Payouts, p => p.Type == PayoutLine.Refund && p.Gross == -900);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ACardTopUpIsRefundedWhileItsLoadIsPendingAndRefusedOnceTheCardTookIt(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind);
        await host.AddCardAsync("04A1B2C3");
        await host.AddCardAsync("04D5E6F7");
        var pending = await PaidAsync(host, new { cardUid = "04A1B2C3", amount = 1000 });
        var applied = await PaidAsync(host, new { cardUid = "04D5E6F7", amount = 2000 });
        await host.ExecuteAsync($"update pending_loads set status = 'applied', applied_at = 1, applied_terminal = 12, applied_sequence = 34 where payment_id = '{applied}'");

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync($"/api/payments/{pending}/refund", new { reason = "card lost" })).StatusCode);
        await ProblemAssert.HasDetailAsync(await host.PostAsync($"/api/payments/{applied}/refund", new { reason = "too late" }),
            HttpStatusCode.Conflict, "written to card 04D5E6F7 by terminal 12");

        var refunded = await host.PaymentReachesAsync(pending, "refunded");
        Assert.Equal("withdrawn", refunded.GetProperty("load").GetProperty("status").GetString());
        Assert.Equal(2000, await host.BalanceAsync("loads:pending"));
        Assert.Equal("paid", (await host.PaymentAsync(applied)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ABadRefundIsRefusedAndChangesNothing(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind);
        await host.AddAccountAsync(4242);
        var (open, _) = await host.OpenTopUpAsync(new { accountId = 4242, amount = 1500 });

        await ProblemAssert.IsValidationProblemAsync(await host.PostAsync($"/api/payments/{open}/refund", new { reason = "" }), "reason");
        await ProblemAssert.IsValidationProblemAsync(await host.PostAsync($"/api/payments/{open}/refund", new { reason = "x" }, key: ""), "Idempotency-Key");
        await ProblemAssert.HasDetailAsync(await host.PostAsync("/api/payments/pay_nothing/refund", new { reason = "x" }), HttpStatusCode.NotFound, "There is no payment pay_nothing");
        await ProblemAssert.HasDetailAsync(await host.PostAsync($"/api/payments/{open}/refund", new { reason = "x" }), HttpStatusCode.Conflict, "nothing was charged");

        Assert.Equal(0, await host.ScalarAsync("select count(*) from ledger_transfers"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ALoadThatExpiredUnclaimedIsRefundedToThePayerOnce(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind);
        await host.AddCardAsync("04A1B2C3");
        var paymentId = await PaidAsync(host, new { cardUid = "04A1B2C3", amount = 1000 });
        var loadId = await host.ScalarAsync($"select load_id from pending_loads where payment_id = '{paymentId}'");
        // What the loads engineer's expiry does: the load expires and its value returns to clearing:payments.
        await host.ExecuteAsync($"update pending_loads set status = 'expired' where load_id = {loadId}");
        await host.ExecuteAsync($"""
            insert into ledger_transfers (kind, debit_account, credit_account, amount, source_key, leg, occurred_at, posted_at)
            values ('load_expired', 'loads:pending', 'clearing:payments', 1000, 'load:{loadId}', 1, 0, 0)
            """);

        var refunds = host.Services.GetRequiredService<PaymentRefundService>();
        await Task.WhenAll(refunds.RunOnceAsync(default), refunds.RunOnceAsync(default));
        var refunded = await host.PaymentReachesAsync(paymentId, "refunded");
        await refunds.RunOnceAsync(default);

        Assert.Equal(PaymentRefundService.ExpiredLoadReason, refunded.GetProperty("refundReason").GetString());
        Assert.Single(host.Sandbox.Payouts, p => p.Type == PayoutLine.Refund);
        Assert.Equal(0, await host.BalanceAsync("clearing:payments"));
        Assert.Equal(1, await host.ScalarAsync($"select count(*) from api_requests where request_id = 'expiry:{loadId}'"));
    }

    /// <summary>A top-up opened and paid at the sandbox checkout: its payment id once the backend has it paid.</summary>
    internal static async Task<string> PaidAsync(PaymentsHost host, object topUp)
    {
        var (paymentId, checkoutUrl) = await host.OpenTopUpAsync(topUp);
        await host.PayAsync(checkoutUrl);
        await host.PaymentReachesAsync(paymentId, "paid");
        return paymentId;
    }
}
