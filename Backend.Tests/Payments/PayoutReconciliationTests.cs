using System.Net;
using Backend.Ingest.Payments;
using Backend.Tests.Api;
using Xunit;

namespace Backend.Tests.Payments;

/// <summary>The sandbox's payout report against our payments: matched, unmatched either side, fees booked once.</summary>
public sealed class PayoutReconciliationTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheSandboxReportMatchesOurPaymentsAndItsFeesAreBookedOnce(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind);
        await host.AddAccountAsync(4242);
        await host.AddCardAsync("04A1B2C3");
        var account = await RefundTests.PaidAsync(host, new { accountId = 4242, amount = 1500 });
        await RefundTests.PaidAsync(host, new { cardUid = "04A1B2C3", amount = 1000 });
        await host.PostAsync($"/api/payments/{account}/refund", new { reason = "passenger asked" });
        await host.PaymentReachesAsync(account, "refunded");
        var period = $"from={DateTimeOffset.UtcNow.AddHours(-1):O}&to={DateTimeOffset.UtcNow.AddHours(1):O}".Replace("+", "%2B");

        var report = await PaymentsHost.JsonAsync(await host.Staff.GetAsync($"/api/payments/payout-reconciliation?{period}"));

        // Sandbox fee: 1.4 % + 25 cents, so 21 + 25 on 15.00 and 14 + 25 on 10.00.
        Assert.Equal((2, 1, true), (report.GetProperty("chargesMatched").GetInt32(), report.GetProperty("refundsMatched").GetInt32(), report.GetProperty("balanced").GetBoolean()));
        Assert.Equal((2500L, 85L, 1500L, 2500L - 85 - 1500), (report.GetProperty("gross").GetInt64(), report.GetProperty("fees").GetInt64(),
            report.GetProperty("refunds").GetInt64(), report.GetProperty("net").GetInt64()));
        Assert.Equal(0, report.GetProperty("feesBooked").GetInt64());

        var booked = await PaymentsHost.JsonAsync(await host.PostAsync($"/api/payments/payout-reconciliation/fees?{period}", null));
        var again = await PaymentsHost.JsonAsync(await host.PostAsync($"/api/payments/payout-reconciliation/fees?{period}", null));

        Assert.Equal((2, 85L), (booked.GetProperty("booked").GetInt32(), booked.GetProperty("amount").GetInt64()));
        Assert.Equal(0, again.GetProperty("booked").GetInt32());
        Assert.Equal(-85, await host.BalanceAsync("expense:payment-fees"));
        Assert.Equal(-(1000 - 85), await host.BalanceAsync("clearing:payments"));
        Assert.Equal(85, (await PaymentsHost.JsonAsync(await host.Staff.GetAsync($"/api/payments/payout-reconciliation?{period}"))).GetProperty("feesBooked").GetInt64());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task APaymentTheProviderDoesNotReportAndAChargeWeDoNotKnowAreBothShown(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind);
        await host.AddAccountAsync(4242);
        await RefundTests.PaidAsync(host, new { accountId = 4242, amount = 1500 });
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await host.ExecuteAsync($"""
            insert into payments (payment_id, provider, target, account_id, amount, currency, status, created_at, created_by, paid_at)
            values ('pay_ghost', 'sandbox', 'account', 4242, 700, 'EUR', 'paid', {now}, 'test', {now})
            """);
        // A checkout the sandbox opened for someone else's payment id: it charges it, and our backend never asked for it.
        var stranger = await host.Sandbox.CreateCheckoutAsync(new CheckoutRequest("pay_stranger", 900, "EUR", "not ours", null, "stranger"), default);
        await host.PayAsync(stranger.Url);
        var period = $"from={DateTimeOffset.UtcNow.AddHours(-1):O}&to={DateTimeOffset.UtcNow.AddHours(1):O}".Replace("+", "%2B");

        var report = await PaymentsHost.JsonAsync(await host.Staff.GetAsync($"/api/payments/payout-reconciliation?{period}"));

        Assert.False(report.GetProperty("balanced").GetBoolean());
        Assert.Equal(1, report.GetProperty("chargesMatched").GetInt32());
        Assert.Equal(["pay_ghost"], report.GetProperty("unmatchedPayments").EnumerateArray().Select(p => p.GetProperty("paymentId").GetString()));
        Assert.Equal(["pay_stranger"], report.GetProperty("unmatchedReport").EnumerateArray().Select(p => p.GetProperty("paymentId").GetString()));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ABadPeriodIsRefusedNamingTheField(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind);

        await ProblemAssert.IsValidationProblemAsync(await host.Staff.GetAsync("/api/payments/payout-reconciliation?from=yesterday&to=2026-12-04"), "from");
        await ProblemAssert.IsValidationProblemAsync(await host.Staff.GetAsync("/api/payments/payout-reconciliation?from=2026-12-04"), "to");
        await ProblemAssert.IsValidationProblemAsync(await host.Staff.GetAsync("/api/payments/payout-reconciliation?from=2026-12-04&to=2026-12-01"), "to");
        await ProblemAssert.IsValidationProblemAsync(await host.Staff.GetAsync("/api/payments/payout-reconciliation?from=2026-01-01&to=2026-12-01"), "to");
    }
}
