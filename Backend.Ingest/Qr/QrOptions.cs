namespace Backend.Ingest.Qr;

/// <summary>
/// <c>Backend:Qr</c>: the token-signing key (<see cref="KeyId"/>, and <see cref="SigningKey"/>, the 32-byte Ed25519
/// seed in base64; without one each run makes a fresh key, fit for the embedded demo only), and the issuing rules.
/// </summary>
public sealed class QrOptions
{
    public const string Section = "Backend:Qr";

    /// <summary>The firmware refuses a window over 600 s (docs/qr-token.md), so no token lives longer than 10 minutes.</summary>
    public const int MaxValidityMinutes = 10;

    public int KeyId { get; set; } = 2;

    public string? SigningKey { get; set; }

    /// <summary>Unused, unexpired tokens an account may hold at once.</summary>
    public int MaxLiveTokens { get; set; } = 3;

    /// <summary>The validity of a token when the request names none.</summary>
    public int DefaultValidityMinutes { get; set; } = 2;
}
