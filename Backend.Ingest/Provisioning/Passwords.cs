using System.Buffers.Text;
using System.Security.Cryptography;

namespace Backend.Ingest.Provisioning;

/// <summary>Fresh broker passwords: 144 random bits in URL-safe base64, nothing a password file or shell would mangle.</summary>
public static class Passwords
{
    private const int RandomBytes = 18;

    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));
}
