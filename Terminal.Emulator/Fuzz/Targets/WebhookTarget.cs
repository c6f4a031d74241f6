using System.Security.Cryptography;
using System.Text;
using Backend.Ingest.Payments;

namespace Terminal.Emulator.Fuzz.Targets;

/// <summary>
/// Payment provider webhooks through <see cref="WebhookVerifier"/>: the input's first line as the signature header
/// and the rest as the body, then the body again correctly signed (so mutations reach the event parsing). The
/// only refusal is <see cref="WebhookRejectedException"/>; anything else thrown is a crash.
/// </summary>
public sealed class WebhookTarget : IFuzzTarget
{
    private const string Secret = "whsec_fuzz";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);

    public string Name => "webhook";

    public IReadOnlyList<byte[]> Seeds()
    {
        const string session = """{"id":"evt_1","object":"event","type":"checkout.session.completed","data":{"object":{"id":"cs_1","object":"checkout.session","client_reference_id":"p-1","payment_intent":"pi_1","metadata":{"paymentId":"p-1"}}}}""";
        const string charge = """{"id":"evt_2","object":"event","type":"charge.refunded","data":{"object":{"id":"ch_1","object":"charge","payment_intent":"pi_1","amount_refunded":250,"refunds":{"object":"list","data":[{"id":"re_1","object":"refund"}]},"metadata":{"paymentId":"p-1"}}}}""";
        return [Encoding.UTF8.GetBytes(Signature(session) + "\n" + session), Encoding.UTF8.GetBytes(Signature(charge) + "\n" + charge)];
    }

    public void Run(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        var newline = text.IndexOf('\n');
        var header = newline < 0 ? text : text[..newline];
        var body = newline < 0 ? "" : text[(newline + 1)..];
        Verify(body, header);
        Verify(body, Signature(body));
    }

    private static void Verify(string body, string header)
    {
        try
        {
            WebhookVerifier.Verify(body, header, Secret, Now);
        }
        catch (WebhookRejectedException)
        {
        }
    }

    private static string Signature(string body)
    {
        var signed = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{Now.ToUnixTimeSeconds()}.{body}"));
        return $"t={Now.ToUnixTimeSeconds()},v1={Convert.ToHexStringLower(signed)}";
    }
}
