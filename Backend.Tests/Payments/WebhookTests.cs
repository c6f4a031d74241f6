using System.Net;
using Backend.Ingest.Payments.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Backend.Tests.Payments;

/// <summary>The webhook rules over real HTTP: once per event, any order, unknown types acknowledged, forgeries refused.</summary>
public sealed class WebhookTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task APaidEventDeliveredTenTimesCreditsOnce(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind);
        await host.AddAccountAsync(4242);
        var (paymentId, _) = await host.OpenTopUpAsync(new { accountId = 4242, amount = 1500 });
        var paid = SandboxEvents.Completed(paymentId, 1500, "evt_ten_times");

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ => (await host.DeliverSignedAsync(paid)).StatusCode));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(1500, await host.BalanceAsync("account:4242"));
        Assert.Equal(1, await host.ScalarAsync("select count(*) from ledger_transfers"));
        Assert.Equal(1, await host.ScalarAsync("select count(*) from payment_events where event_id = 'evt_ten_times' and outcome = 'paid'"));
        Assert.Equal((10, 1), (host.Counters.WebhookDeliveries, host.Counters.WebhookCredits));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TheSandboxRetriesAFailingEndpointWithGrowingDelaysAndDuplicatesAndTheTopUpIsCreditedOnce(string kind)
    {
        await using var relay = await FlakyRelay.StartAsync(failures: 3);
        await using var host = await PaymentsHost.StartAsync(kind, new Dictionary<string, string?>
        {
            ["Backend:Payments:Sandbox:WebhookUrl"] = relay.Address + "/api/payments/webhooks/sandbox",
            ["Backend:Payments:Sandbox:DuplicateRate"] = "1",
            ["Backend:Payments:Sandbox:MaxDelayMilliseconds"] = "100",
        });
        relay.Target = host.WebAddress;
        await host.AddAccountAsync(4242);
        var (paymentId, checkoutUrl) = await host.OpenTopUpAsync(new { accountId = 4242, amount = 1500 });

        await host.PayAsync(checkoutUrl);
        await host.PaymentReachesAsync(paymentId, "paid");
        await Ingest.Eventually.TrueAsync(() => Task.FromResult(host.Delivery.InFlight == 0), "both copies delivered");

        var (attempts, delivered, abandoned) = host.Delivery.Counts;
        Assert.Equal((5L, 2L, 0L), (attempts, delivered, abandoned));
        Assert.Equal(3, relay.Refused);
        // Three failures over two copies: one copy failed twice, so it waited 50 ms and then 100 ms before it got through.
        Assert.True(relay.Span >= TimeSpan.FromMilliseconds(140), $"the retries waited 50 ms, then 100 ms (all arrivals within {relay.Span})");
        Assert.Equal(1500, await host.BalanceAsync("account:4242"));
        Assert.Equal(1, host.Counters.WebhookCredits);
        Assert.Equal(1, host.Counters.WebhookRedeliveries);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AForgedStaleOrMalformedDeliveryIsRefusedCountedAndChangesNothing(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind);
        await host.AddAccountAsync(4242);
        var (paymentId, _) = await host.OpenTopUpAsync(new { accountId = 4242, amount = 1500 });
        var paid = SandboxEvents.Completed(paymentId, 1500);
        var now = DateTimeOffset.UtcNow;

        var refusals = new[]
        {
            await host.DeliverAsync(paid, SandboxSigner.Sign(paid, "whsec_someone_else", now)),
            await host.DeliverAsync(paid, SandboxSigner.Sign(paid, PaymentsHost.SandboxSecret, now.AddSeconds(-301))),
            await host.DeliverAsync(paid.Replace("1500", "9500"), SandboxSigner.Sign(paid, PaymentsHost.SandboxSecret, now)),
            await host.DeliverAsync(paid, null),
            await host.DeliverAsync(paid, "t=oops"),
            await host.DeliverSignedAsync("{\"id\": \"evt_1\", \"object\": \"event\", \"type\": "),
            await host.DeliverSignedAsync("not json at all"),
        };

        Assert.All(refusals, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.All(refusals, r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
        Assert.Equal(7, host.Counters.WebhookRejected);
        Assert.Equal(0, await host.ScalarAsync("select count(*) from ledger_transfers"));
        Assert.Equal(0, await host.ScalarAsync("select count(*) from payment_events"));
        Assert.Equal("open", (await host.PaymentAsync(paymentId)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.PostAsync("/api/payments/webhooks/paypal", new StringContent(paid))).StatusCode);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AnUnknownEventTypeIsAcknowledgedAndIgnored(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind);

        var answer = await host.DeliverSignedAsync(SandboxEvents.Event("evt_unknown", "customer.created", new { id = "cus_1", @object = "customer" }));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("ignored", (await PaymentsHost.JsonAsync(answer)).GetProperty("outcome").GetString());
        Assert.Equal(1, await host.ScalarAsync("select count(*) from payment_events where event_id = 'evt_unknown' and outcome = 'ignored'"));
        Assert.Equal(0, await host.ScalarAsync("select count(*) from ledger_transfers"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ARefundReportedBeforeItsPaymentCreditsAndReversesAndTheLatePaymentChangesNothing(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind);
        await host.AddAccountAsync(4242);
        var (paymentId, _) = await host.OpenTopUpAsync(new { accountId = 4242, amount = 1500 });

        var refunded = await PaymentsHost.JsonAsync(await host.DeliverSignedAsync(SandboxEvents.Refunded(paymentId, 1500)));
        var paid = await PaymentsHost.JsonAsync(await host.DeliverSignedAsync(SandboxEvents.Completed(paymentId, 1500)));

        Assert.Equal("paid_and_refunded", refunded.GetProperty("outcome").GetString());
        Assert.Equal("already_paid", paid.GetProperty("outcome").GetString());
        Assert.Equal("refunded", (await host.PaymentAsync(paymentId)).GetProperty("status").GetString());
        Assert.Equal(0, await host.BalanceAsync("account:4242"));
        Assert.Equal(0, await host.BalanceAsync("clearing:payments"));
        Assert.Equal(2, await host.ScalarAsync($"select count(*) from ledger_transfers where source_key = 'payment:{paymentId}'"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task APaymentReportedAfterItsCheckoutExpiredIsCreditedAndALateExpiryChangesNothing(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind);
        await host.AddCardAsync("04A1B2C3");
        var (paymentId, _) = await host.OpenTopUpAsync(new { cardUid = "04A1B2C3", amount = 1000 });
        var expired = SandboxEvents.Event("", "checkout.session.expired", new
        {
            id = "cs_x", @object = "checkout.session", client_reference_id = paymentId,
            metadata = new Dictionary<string, string> { ["payment_id"] = paymentId }, payment_status = "unpaid", status = "expired",
        });

        var first = await PaymentsHost.JsonAsync(await host.DeliverSignedAsync(expired));
        var paid = await PaymentsHost.JsonAsync(await host.DeliverSignedAsync(SandboxEvents.Completed(paymentId, 1000)));
        var lateExpiry = await PaymentsHost.JsonAsync(await host.DeliverSignedAsync(expired.Replace("evt_test_", "evt_again_")));

        Assert.Equal(("expired", "paid_after_expiry", "ignored_late_expiry"),
            (first.GetProperty("outcome").GetString(), paid.GetProperty("outcome").GetString(), lateExpiry.GetProperty("outcome").GetString()));
        var payment = await host.PaymentAsync(paymentId);
        Assert.Equal("paid", payment.GetProperty("status").GetString());
        Assert.Equal("pending", payment.GetProperty("load").GetProperty("status").GetString());
        Assert.Equal(1000, await host.BalanceAsync("loads:pending"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task APaidEventForNoPaymentOfOursIsAcknowledgedAndLeftUnmatched(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind);

        var answer = await PaymentsHost.JsonAsync(await host.DeliverSignedAsync(SandboxEvents.Completed("pay_nobody", 1000)));

        Assert.Equal("unmatched", answer.GetProperty("outcome").GetString());
        Assert.Equal(0, await host.ScalarAsync("select count(*) from ledger_transfers"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AnEventNamingAPaymentTakenByAnotherProviderChangesNothing(string kind)
    {
        await using var host = await PaymentsHost.StartAsync(kind);
        await host.AddAccountAsync(4242);
        await host.ExecuteAsync("""
            insert into payments (payment_id, provider, target, account_id, amount, currency, status, created_at, created_by)
            values ('pay_at_stripe', 'stripe', 'account', 4242, 1500, 'EUR', 'open', 0, 'test')
            """);

        var answer = await PaymentsHost.JsonAsync(await host.DeliverSignedAsync(SandboxEvents.Completed("pay_at_stripe", 1500)));

        Assert.Equal("unmatched", answer.GetProperty("outcome").GetString());
        Assert.Equal("open", (await host.PaymentAsync("pay_at_stripe")).GetProperty("status").GetString());
        Assert.Equal(0, await host.ScalarAsync("select count(*) from ledger_transfers"));
    }

    /// <summary>Stands between the sandbox and the backend: refuses the first deliveries with 503, then forwards them, timing each.</summary>
    private sealed class FlakyRelay : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _forward = new();
        private readonly List<DateTimeOffset> _arrivals = [];
        private int _failuresLeft;

        private FlakyRelay(WebApplication app, int failures)
        {
            _app = app;
            _failuresLeft = failures;
        }

        public string Address => _app.Urls.First();

        public string Target { get; set; } = "";

        public int Refused { get; private set; }

        /// <summary>The time from the first arrival to the last.</summary>
        public TimeSpan Span
        {
            get
            {
                lock (_arrivals)
                {
                    return _arrivals[^1] - _arrivals[0];
                }
            }
        }

        public static async Task<FlakyRelay> StartAsync(int failures)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var relay = new FlakyRelay(app, failures);
            app.MapPost("/{**path}", relay.HandleAsync);
            await app.StartAsync();
            return relay;
        }

        public async ValueTask DisposeAsync()
        {
            _forward.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private async Task HandleAsync(HttpContext http)
        {
            lock (_arrivals)
            {
                _arrivals.Add(DateTimeOffset.UtcNow);
                if (_failuresLeft > 0)
                {
                    _failuresLeft--;
                    Refused++;
                    http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    return;
                }
            }

            using var body = new StreamReader(http.Request.Body);
            using var forward = new HttpRequestMessage(HttpMethod.Post, Target + http.Request.Path) { Content = new StringContent(await body.ReadToEndAsync()) };
            forward.Headers.TryAddWithoutValidation("Stripe-Signature", http.Request.Headers["Stripe-Signature"].ToString());
            using var answer = await _forward.SendAsync(forward);
            http.Response.StatusCode = (int)answer.StatusCode;
        }
    }
}
