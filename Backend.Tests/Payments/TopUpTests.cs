using System.Net;
using Backend.Tests.Api;
using Xunit;

namespace Backend.Tests.Payments;

/// <summary>Online top-ups end to end through the sandbox provider over real HTTP, and every refusal, on both stores.</summary>
public sealed class TopUpTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AnAccountTopUpPaidAtTheSandboxCheckoutIsOnTheAccountAtOnce(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind);
        await host.AddAccountAsync(4242);

        var (paymentId, checkoutUrl) = await host.OpenTopUpAsync(new { accountId = 4242, amount = 1500 });
        Assert.StartsWith(host.WebAddress + "/sandbox/checkout/cs_sbx_", checkoutUrl);
        Assert.Equal("open", (await host.PaymentAsync(paymentId)).GetProperty("status").GetString());
        var page = await host.Http.GetStringAsync(checkoutUrl);
        Assert.Contains("Pay 15.00 EUR", page);

        await host.PayAsync(checkoutUrl);
        var paid = await host.PaymentReachesAsync(paymentId, "paid");

        Assert.Equal(1500, paid.GetProperty("amount").GetInt64());
        Assert.Equal(1500, await host.BalanceAsync("account:4242"));
        Assert.Equal(-1500, await host.BalanceAsync("clearing:payments"));
        Assert.Equal(1, await host.ScalarAsync($"select count(*) from audit_log where action = 'payment.paid' and subject = 'payment:{paymentId}'"));
        Assert.Equal(1, await host.ScalarAsync($"select count(*) from audit_log where action = 'payment.create' and actor = 'passenger'"));
        Assert.Equal(1, host.Counters.WebhookCredits);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ACardTopUpOncePaidIsAPendingLoadForTheCardsNextTap(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind);
        await host.AddCardAsync("04A1B2C3D4E5F6");

        var (paymentId, checkoutUrl) = await host.OpenTopUpAsync(new { cardUid = "04a1b2c3d4e5f6", amount = 1000 });
        await host.PayAsync(checkoutUrl);
        var paid = await host.PaymentReachesAsync(paymentId, "paid");

        var load = paid.GetProperty("load");
        Assert.Equal("pending", load.GetProperty("status").GetString());
        var expires = load.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30));
        Assert.Equal(1000, await host.BalanceAsync("loads:pending"));
        Assert.Equal(0, await host.BalanceAsync("card:04A1B2C3D4E5F6"));
        Assert.Equal(1, await host.ScalarAsync(
            $"select count(*) from pending_loads where card_uid = '04A1B2C3D4E5F6' and payment_id = '{paymentId}' and funding_account = 'clearing:payments' and amount = 1000"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ACheckoutLeftUnpaidExpiresAndCreditsNothing(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind);
        await host.AddAccountAsync(7);
        var (paymentId, checkoutUrl) = await host.OpenTopUpAsync(new { accountId = 7, amount = 800 });

        (await host.Http.PostAsync(checkoutUrl + "/cancel", null)).EnsureSuccessStatusCode();

        var expired = await host.PaymentReachesAsync(paymentId, "expired");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, expired.GetProperty("checkoutUrl").ValueKind);
        Assert.Equal(0, await host.ScalarAsync("select count(*) from ledger_transfers"));
        Assert.Equal(HttpStatusCode.Conflict, (await host.Http.PostAsync(checkoutUrl + "/pay", null)).StatusCode);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ATopUpRetriedWithItsKeyOpensOneCheckoutAndSaysItWasReplayed(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind);
        await host.AddAccountAsync(7);
        var key = Guid.NewGuid().ToString();

        var first = await PaymentsHost.JsonAsync(await host.PostAsync("/api/payments/top-ups", new { accountId = 7, amount = 800 }, key, actor: null));
        var again = await host.PostAsync("/api/payments/top-ups", new { accountId = 7, amount = 800 }, key, actor: null);
        var other = await host.PostAsync("/api/payments/top-ups", new { accountId = 7, amount = 900 }, key, actor: null);

        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.GetProperty("paymentId").GetString(), (await PaymentsHost.JsonAsync(again)).GetProperty("paymentId").GetString());
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal(1, await host.ScalarAsync("select count(*) from payments"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ABadTopUpIsRefusedNamingWhatIsWrongAndOpensNoCheckout(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind, new Dictionary<string, string?> { ["Backend:Payments:PassengerRequestsPerMinute"] = "100" });
        await host.AddCardAsync("04A1B2C3", "blocked");
        await host.AddAccountAsync(8, "closed");

        await ProblemAssert.IsValidationProblemAsync(await host.PostAsync("/api/payments/top-ups", new { cardUid = "04A1B2C3", accountId = 8, amount = 800 }), "cardUid");
        await ProblemAssert.IsValidationProblemAsync(await host.PostAsync("/api/payments/top-ups", new { amount = 800 }), "cardUid");
        await ProblemAssert.IsValidationProblemAsync(await host.PostAsync("/api/payments/top-ups", new { cardUid = "xyz", amount = 800 }), "cardUid");
        await ProblemAssert.IsValidationProblemAsync(await host.PostAsync("/api/payments/top-ups", new { accountId = 0, amount = 800 }), "accountId");
        await ProblemAssert.IsValidationProblemAsync(await host.PostAsync("/api/payments/top-ups", new { accountId = 8, amount = 499 }), "amount");
        await ProblemAssert.IsValidationProblemAsync(await host.PostAsync("/api/payments/top-ups", new { accountId = 8, amount = 20_001 }), "amount");
        await ProblemAssert.IsValidationProblemAsync(await host.PostAsync("/api/payments/top-ups", new { accountId = 8, amount = 800 }, key: ""), "Idempotency-Key");
        await ProblemAssert.HasDetailAsync(await host.PostAsync("/api/payments/top-ups", new { cardUid = "04D5E6F7", amount = 800 }), HttpStatusCode.NotFound, "Card 04D5E6F7 is not in the registry");
        await ProblemAssert.HasDetailAsync(await host.PostAsync("/api/payments/top-ups", new { cardUid = "04a1b2c3", amount = 800 }), HttpStatusCode.Conflict, "Card 04A1B2C3 is blocked");
        await ProblemAssert.HasDetailAsync(await host.PostAsync("/api/payments/top-ups", new { accountId = 9, amount = 800 }), HttpStatusCode.NotFound, "Account 9 does not exist");
        await ProblemAssert.HasDetailAsync(await host.PostAsync("/api/payments/top-ups", new { accountId = 8, amount = 800 }), HttpStatusCode.Conflict, "Account 8 is closed");
        await ProblemAssert.HasDetailAsync(await host.Http.GetAsync("/api/payments/pay_0123"), HttpStatusCode.NotFound, "There is no payment pay_0123");

        Assert.Equal(0, await host.ScalarAsync("select count(*) from payments"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AnAnonymousClientIsLimitedToItsTopUpsPerMinute(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind, new Dictionary<string, string?> { ["Backend:Payments:PassengerRequestsPerMinute"] = "3" });
        await host.AddAccountAsync(7);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await host.PostAsync("/api/payments/top-ups", new { accountId = 7, amount = 800 }, actor: null)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(3, await host.ScalarAsync("select count(*) from payments"));
    }
}
