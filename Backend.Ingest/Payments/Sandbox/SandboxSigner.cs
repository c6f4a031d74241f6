using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Backend.Ingest.Payments.Sandbox;

/// <summary>
/// Signs a delivery as Stripe does (https://docs.stripe.com/webhooks#verify-manually): <c>t={unix seconds},v1={hex
/// HMAC-SHA256 of "{t}.{body}" under the secret}</c>. Written independently of the verifier (Stripe.net's), so the
/// sandbox checks that verifier rather than agreeing with itself.
/// </summary>
public static class SandboxSigner
{
    public static string Sign(string body, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }
}
