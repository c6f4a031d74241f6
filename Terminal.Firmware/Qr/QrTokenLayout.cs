using Terminal.Firmware.Crypto;

namespace Terminal.Firmware.Qr
{
    /// <summary>
    /// Byte layout of a version 1 QR ride token (docs/qr-token.md). Integers are big-endian and unsigned;
    /// the Ed25519 signature covers every byte before it.
    /// </summary>
    public static class QrTokenLayout
    {
        public const byte Version1 = 1;

        public const int VersionOffset = 0;
        public const int KeyIdOffset = 1;
        public const int AccountIdOffset = 3;
        public const int TokenIdOffset = 7;
        public const int ValidFromOffset = 15;
        public const int ValidUntilOffset = 19;
        public const int FareProductOffset = 23;
        public const int ConcessionOffset = 24;
        public const int SignedSize = 25;
        public const int SignatureOffset = SignedSize;
        public const int SignatureSize = Ed25519Verifier.SignatureSize;
        public const int TotalSize = SignedSize + SignatureSize;

        /// <summary>Length of a whole token as Base45 text: three characters per byte pair, two for the odd last byte (134).</summary>
        public const int TextSize = (TotalSize / 2) * 3 + (TotalSize % 2) * 2;
    }
}
