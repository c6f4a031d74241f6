using QRCoder;

namespace Backend.Ingest.Qr;

/// <summary>
/// The QR symbol of a token's text as a PNG (QRCoder). The 134 Base45 characters are all of the QR alphanumeric
/// alphabet, so the symbol is encoded in alphanumeric mode: version 6 at error correction M (docs/qr-token.md).
/// </summary>
public static class QrCodePng
{
    /// <summary>Pixels per module: a version 6 symbol (41 modules) with its 4-module quiet zone is 392 px square.</summary>
    public const int PixelsPerModule = 8;

    public static byte[] Of(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(PixelsPerModule);
    }
}
