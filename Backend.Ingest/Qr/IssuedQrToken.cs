namespace Backend.Ingest.Qr;

/// <summary>
/// A token the backend signed for an account: its id, its text (what the QR code holds), its validity (unix seconds
/// and ISO 8601), and the QR image as base64 PNG (also served at <see cref="ImageUrl"/>).
/// </summary>
public sealed record IssuedQrToken(
    long TokenId, long AccountId, int KeyId, string Text, long ValidFrom, long ValidUntil, DateTimeOffset ValidUntilUtc,
    int FareProduct, int Concession, string ImageUrl, string ImagePngBase64);

/// <summary>The body of <c>POST /api/accounts/{id}/qr-tokens</c>; every field is optional.</summary>
public sealed record QrTokenRequest(int? ValidityMinutes, int? FareProduct, int? Concession);
