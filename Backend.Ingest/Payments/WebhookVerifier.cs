using System.Text.Json;
using Stripe;
using Stripe.Checkout;

namespace Backend.Ingest.Payments;

/// <summary>
/// Checks a webhook delivery with Stripe's own verifier (Stripe.net's <see cref="EventUtility"/>): the
/// <c>Stripe-Signature</c> header <c>t={unix seconds},v1={hex HMAC-SHA256 of "t.body" under the endpoint secret}</c>,
/// compared in constant time, with the timestamp within 300 s of our clock, then parses the event. Every provider
/// signs this way (the sandbox too), so this is the one path a delivery takes.
/// </summary>
public static class WebhookVerifier
{
    public const string SignatureHeader = "Stripe-Signature";

    /// <summary>Stripe's tolerance: a replayed delivery older than this is refused even with a valid signature.</summary>
    public const long ToleranceSeconds = EventUtility.DefaultTimeTolerance;

    public static WebhookEvent Verify(string body, string? signature, string secret, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(signature))
        {
            throw new WebhookRejectedException($"the {SignatureHeader} header is missing");
        }

        Event parsed;
        try
        {
            // The API version is not checked: we read only the few fields every version has (id, type, metadata).
            parsed = EventUtility.ConstructEvent(body, signature, secret, ToleranceSeconds, now.ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException e)
        {
            throw new WebhookRejectedException(e.Message, e);
        }
        catch (Exception e) when (e is JsonException or FormatException or OverflowException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            throw new WebhookRejectedException($"the delivery is not a well-formed event: {e.Message}", e);
        }

        if (string.IsNullOrEmpty(parsed.Id) || string.IsNullOrEmpty(parsed.Type))
        {
            throw new WebhookRejectedException("the event has no id or no type");
        }

        return parsed.Data?.Object switch
        {
            Session session => new WebhookEvent(parsed.Id, parsed.Type, PaymentIdOf(session.Metadata) ?? session.ClientReferenceId,
                session.Id, session.PaymentIntentId, null, null),
            Charge charge => new WebhookEvent(parsed.Id, parsed.Type, PaymentIdOf(charge.Metadata), null, charge.PaymentIntentId,
                charge.Refunds?.Data?.FirstOrDefault()?.Id, charge.AmountRefunded),
            _ => new WebhookEvent(parsed.Id, parsed.Type, null, null, null, null, null),
        };
    }

    private static string? PaymentIdOf(Dictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(WebhookEvent.PaymentIdKey, out var id) && id.Length > 0 ? id : null;
}
