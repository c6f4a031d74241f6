using Backend.Ingest.Payments;
using Backend.Ingest.Payments.Stripe;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Xunit;

namespace Backend.Tests.Payments;

/// <summary>
/// The Stripe provider through the real Stripe.net client, against a local stand-in for Stripe's API (Stripe:ApiBase):
/// what it sends (form fields, metadata, idempotency keys) and how it reads the answers.
/// </summary>
public sealed class StripeProviderTests
{
    [Fact]
    public async Task ACheckoutIsAHostedSessionCarryingOurPaymentIdUnderTheIdempotencyKey()
    {
        await using var stripe = await StripeStandIn.StartAsync();
        var provider = Provider(stripe.Address);

        var session = await provider.CreateCheckoutAsync(new CheckoutRequest("pay_1", 1000, "EUR", "Bus fare top-up of card 04A1B2C3", null, "checkout:pay_1"), default);

        Assert.Equal(("cs_test_1", "https://checkout.stripe.com/c/pay/cs_test_1"), (session.SessionId, session.Url));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_764_800_000), session.ExpiresAt);
        var (path, form, key, auth) = stripe.Requests.Single();
        Assert.Equal(("/v1/checkout/sessions", "checkout:pay_1", "Bearer sk_test_standin"), (path, key, auth));
        Assert.Equal("payment", form["mode"]);
        Assert.Equal("pay_1", form["client_reference_id"]);
        Assert.Equal("pay_1", form["metadata[payment_id]"]);
        Assert.Equal("pay_1", form["payment_intent_data[metadata][payment_id]"]);
        Assert.Equal("1000", form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("eur", form["line_items[0][price_data][currency]"]);
        Assert.Equal("https://fares.example.org/done", form["success_url"]);
    }

    [Fact]
    public async Task ARefundNamesThePaymentIntentAndAmountUnderItsKey()
    {
        await using var stripe = await StripeStandIn.StartAsync();

        var refundId = await Provider(stripe.Address).RefundAsync("pi_1", "pay_1", 900, "refund:pay_1", default);

        Assert.Equal("re_test_1", refundId);
        var (path, form, key, _) = stripe.Requests.Single();
        Assert.Equal(("/v1/refunds", "refund:pay_1", "pi_1", "900", "pay_1"), (path, key, form["payment_intent"], form["amount"], form["metadata[payment_id]"]));
    }

    [Fact]
    public async Task ThePayoutReportIsBuiltFromTheBalanceTransactionsWithTheirFees()
    {
        await using var stripe = await StripeStandIn.StartAsync();

        var lines = PayoutReportCsv.Parse(await Provider(stripe.Address).PayoutReportAsync(
            DateTimeOffset.FromUnixTimeSeconds(1_764_700_000), DateTimeOffset.FromUnixTimeSeconds(1_764_800_000), default));

        Assert.Equal(
            [new PayoutLine(PayoutLine.Charge, "pay_1", "pi_1", 1000, 39, 961, DateTimeOffset.FromUnixTimeSeconds(1_764_750_000)),
             new PayoutLine(PayoutLine.Refund, "pay_1", "pi_1", -1000, 0, -1000, DateTimeOffset.FromUnixTimeSeconds(1_764_760_000))],
            lines);
        var (path, form, _, _) = stripe.Requests.Single();
        Assert.Equal("/v1/balance_transactions", path);
        Assert.Equal(("1764700000", "1764800000", "data.source"), (form["created[gte]"], form["created[lt]"], form["expand[0]"]));
    }

    [Fact]
    public void WithoutItsKeysTheStripeProviderRefusesToStart()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new StripePaymentProvider(Options.Create(new PaymentOptions { Provider = "stripe" })));
        Assert.Contains("Backend:Payments:Stripe:SecretKey", error.Message);
    }

    private static StripePaymentProvider Provider(string apiBase) => new(Options.Create(new PaymentOptions
    {
        Provider = "stripe",
        ReturnUrl = "https://fares.example.org/done",
        Stripe = new StripeOptions { SecretKey = "sk_test_standin", WebhookSecret = "whsec_standin", ApiBase = apiBase },
    }));

    /// <summary>Answers the three Stripe API calls the provider makes, as Stripe documents them, and records each request.</summary>
    private sealed class StripeStandIn : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private StripeStandIn(WebApplication app) => _app = app;

        public string Address => _app.Urls.First();

        public List<(string Path, Dictionary<string, string> Form, string Key, string Auth)> Requests { get; } = [];

        public static async Task<StripeStandIn> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var standIn = new StripeStandIn(app);
            app.MapPost("/v1/checkout/sessions", (HttpContext http) => standIn.Answer(http, """
                {"id":"cs_test_1","object":"checkout.session","url":"https://checkout.stripe.com/c/pay/cs_test_1","expires_at":1764800000,"mode":"payment"}
                """));
            app.MapPost("/v1/refunds", (HttpContext http) => standIn.Answer(http, """
                {"id":"re_test_1","object":"refund","amount":900,"payment_intent":"pi_1","status":"succeeded"}
                """));
            app.MapGet("/v1/balance_transactions", (HttpContext http) => standIn.Answer(http, """
                {"object":"list","url":"/v1/balance_transactions","has_more":false,"data":[
                  {"id":"txn_1","object":"balance_transaction","amount":1000,"fee":39,"net":961,"created":1764750000,"type":"charge","currency":"eur",
                   "source":{"id":"ch_1","object":"charge","amount":1000,"payment_intent":"pi_1","metadata":{"payment_id":"pay_1"}}},
                  {"id":"txn_2","object":"balance_transaction","amount":-1000,"fee":0,"net":-1000,"created":1764760000,"type":"refund","currency":"eur",
                   "source":{"id":"re_1","object":"refund","amount":1000,"payment_intent":"pi_1","metadata":{"payment_id":"pay_1"}}},
                  {"id":"txn_3","object":"balance_transaction","amount":-5000,"fee":0,"net":-5000,"created":1764770000,"type":"payout","currency":"eur",
                   "source":{"id":"po_1","object":"payout","amount":5000}}]}
                """));
            await app.StartAsync();
            return standIn;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private async Task Answer(HttpContext http, string json)
        {
            var form = http.Request.HasFormContentType
                ? (await http.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString())
                : http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
            lock (Requests)
            {
                Requests.Add((http.Request.Path, form, http.Request.Headers["Idempotency-Key"].ToString(), http.Request.Headers.Authorization.ToString()));
            }

            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(json);
        }
    }
}
