using Terminal.Firmware.Qr;

namespace Backend.Ingest.Qr;

/// <summary>The signed fields of a QR ride token (docs/qr-token.md): whose account, which token, when, what product and concession.</summary>
public sealed record QrTokenFields(
    uint AccountId, ulong TokenId, uint ValidFrom, uint ValidUntil, byte FareProduct = 0, byte Concession = 0, byte Version = QrTokenLayout.Version1);
