using System.Security.Cryptography;
using System.Text.Json;
using Backend.Ingest.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace Backend.Ingest.Payments.Sandbox;

/// <summary>
/// The embedded payment provider: it runs in this process, serves its own checkout page (/sandbox/checkout/{session},
/// where the payer clicks Pay or Cancel; no card details are asked), signs its events with its own secret in
/// Stripe's scheme, and hands them to <see cref="SandboxWebhookDelivery"/>, which delivers each at least once over
/// HTTP. It keeps its sessions, refunds and payout report in memory: a restart forgets them, as a test account would.
/// </summary>
public sealed class SandboxPaymentProvider : IPaymentProvider
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SandboxSession> _sessions = [];
    private readonly Dictionary<string, SandboxSession> _sessionsByKey = [];
    private readonly Dictionary<string, string> _refundsByKey = [];
    private readonly List<PayoutLine> _payouts = [];
    private readonly SandboxOptions _options;
    private readonly IServer _server;
    private readonly TimeProvider _clock;
    private readonly SandboxWebhookDelivery _delivery;

    public SandboxPaymentProvider(IOptions<PaymentOptions> options, IServer server, TimeProvider clock, SandboxWebhookDelivery delivery)
    {
        _options = options.Value.Sandbox;
        _server = server;
        _clock = clock;
        _delivery = delivery;
        WebhookSecret = string.IsNullOrEmpty(_options.WebhookSecret) ? "whsec_sandbox_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)) : _options.WebhookSecret;
    }

    public string Name => PaymentOptions.SandboxProviderName;

    public string WebhookSecret { get; }

    /// <summary>The payout report of everything the sandbox settled, all times (what a test or the fleet reconciles).</summary>
    public IReadOnlyList<PayoutLine> Payouts
    {
        get
        {
            lock (_gate)
            {
                return _payouts.ToArray();
            }
        }
    }

    public Task<CheckoutSession> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellation)
    {
        lock (_gate)
        {
            if (!_sessionsByKey.TryGetValue(request.IdempotencyKey, out var session))
            {
                session = new SandboxSession("cs_sbx_" + RandomId(), request.PaymentId, request.Amount, request.Currency, request.Description,
                    "pi_sbx_" + RandomId(), _clock.GetUtcNow().AddHours(24), request.ReturnUrl);
                _sessions[session.SessionId] = session;
                _sessionsByKey[request.IdempotencyKey] = session;
            }

            return Task.FromResult(new CheckoutSession(session.SessionId, $"{BaseAddress()}/sandbox/checkout/{session.SessionId}", session.ExpiresAt));
        }
    }

    public Task<string> RefundAsync(string paymentRef, string paymentId, long amount, string idempotencyKey, CancellationToken cancellation)
    {
        lock (_gate)
        {
            if (_refundsByKey.TryGetValue(idempotencyKey, out var known))
            {
                return Task.FromResult(known);
            }

            var session = _sessions.Values.SingleOrDefault(s => s.PaymentRef == paymentRef && s.Status == "paid")
                ?? throw new InvalidOperationException($"the sandbox has no paid payment {paymentRef}");
            var refundId = "re_sbx_" + RandomId();
            _refundsByKey[idempotencyKey] = refundId;
            _payouts.Add(new PayoutLine(PayoutLine.Refund, session.PaymentId, paymentRef, -amount, 0, -amount, _clock.GetUtcNow()));
            Publish("charge.refunded", new
            {
                id = "ch_sbx_" + session.PaymentRef[7..],
                @object = "charge",
                amount = session.Amount,
                amount_refunded = amount,
                currency = session.Currency.ToLowerInvariant(),
                payment_intent = paymentRef,
                refunded = amount == session.Amount,
                metadata = new Dictionary<string, string> { [WebhookEvent.PaymentIdKey] = session.PaymentId },
                refunds = new { @object = "list", data = new[] { new { id = refundId, @object = "refund", amount, payment_intent = paymentRef, status = "succeeded" } } },
            });
            return Task.FromResult(refundId);
        }
    }

    public Task<string> PayoutReportAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellation) =>
        Task.FromResult(PayoutReportCsv.Write(Payouts.Where(p => p.At >= from && p.At < to)));

    /// <summary>The session, for its checkout page; null when the sandbox never opened it.</summary>
    internal SandboxSession? Session(string sessionId)
    {
        lock (_gate)
        {
            return _sessions.GetValueOrDefault(sessionId);
        }
    }

    /// <summary>The payer clicked Pay: the sandbox takes the money, books its fee and tells the backend. False when it is not open.</summary>
    internal bool Pay(string sessionId)
    {
        lock (_gate)
        {
            if (_sessions.GetValueOrDefault(sessionId) is not { Status: "open" } session)
            {
                return false;
            }

            session.Status = "paid";
            var fee = session.Amount * _options.FeeBasisPoints / 10_000 + _options.FeeFixed;
            _payouts.Add(new PayoutLine(PayoutLine.Charge, session.PaymentId, session.PaymentRef, session.Amount, fee, session.Amount - fee, _clock.GetUtcNow()));
            Publish("checkout.session.completed", SessionObject(session, "complete", "paid"));
            return true;
        }
    }

    /// <summary>The payer clicked Cancel (or the session lapsed): nothing is taken. False when it is not open.</summary>
    internal bool Expire(string sessionId)
    {
        lock (_gate)
        {
            if (_sessions.GetValueOrDefault(sessionId) is not { Status: "open" } session)
            {
                return false;
            }

            session.Status = "expired";
            Publish("checkout.session.expired", SessionObject(session, "expired", "unpaid"));
            return true;
        }
    }

    private static object SessionObject(SandboxSession session, string status, string paymentStatus) => new
    {
        id = session.SessionId,
        @object = "checkout.session",
        amount_total = session.Amount,
        currency = session.Currency.ToLowerInvariant(),
        client_reference_id = session.PaymentId,
        metadata = new Dictionary<string, string> { [WebhookEvent.PaymentIdKey] = session.PaymentId },
        payment_intent = paymentStatus == "paid" ? session.PaymentRef : null,
        payment_status = paymentStatus,
        status,
    };

    /// <summary>An event in Stripe's envelope, handed to the delivery: it signs each attempt when it sends it.</summary>
    private void Publish(string type, object data)
    {
        var body = JsonSerializer.Serialize(new
        {
            id = "evt_sbx_" + RandomId(),
            @object = "event",
            api_version = "2025-01-01.sandbox",
            created = _clock.GetUtcNow().ToUnixTimeSeconds(),
            livemode = false,
            type,
            data = new { @object = data },
        });
        _delivery.Enqueue(body, WebhookSecret, WebhookUrl());
    }

    private string WebhookUrl() => string.IsNullOrEmpty(_options.WebhookUrl) ? BaseAddress() + "/api/payments/webhooks/sandbox" : _options.WebhookUrl;

    private string BaseAddress() => _server.WebAddresses().FirstOrDefault()
        ?? throw new InvalidOperationException("the backend does not listen on any address yet, so the sandbox has no page to offer");

    private static string RandomId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
