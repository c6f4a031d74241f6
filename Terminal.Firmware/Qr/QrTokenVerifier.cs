using Terminal.Drivers.Hal;
using Terminal.Firmware.Crypto;

namespace Terminal.Firmware.Qr
{
    /// <summary>
    /// Decides whether a scanned QR text is a ride token to honour (docs/qr-token.md). Cheap checks run first, so
    /// an expired, early or replayed token is refused without paying for a signature verification. A token is marked
    /// used only by <see cref="MarkUsed"/>, which the caller calls once the fare is journaled: a token whose fare is
    /// refused, or could not be journaled, is not burnt, and forged tokens cannot fill the replay set or block real ones.
    /// All buffers are preallocated; a scan allocates nothing.
    /// </summary>
    public sealed class QrTokenVerifier
    {
        /// <summary>Tokens are short-lived: a window longer than this is refused as malformed and bounds the replay set.</summary>
        public const int MaxValiditySeconds = 600;

        /// <summary>How far the terminal's clock may be off from the backend's, either way.</summary>
        public const int AllowedSkewSeconds = 30;

        private readonly IClock _clock;
        private readonly QrKeyRing _keys;
        private readonly Ed25519Verifier _signatures;
        private readonly UsedTokenSet _used;
        private readonly byte[] _decoded = new byte[QrTokenLayout.TotalSize];
        private bool _verified;
        private long _verifiedAt;

        public QrTokenVerifier(IClock clock, QrKeyRing keys, Ed25519Verifier signatures, UsedTokenSet used)
        {
            _clock = clock;
            _keys = keys;
            _signatures = signatures;
            _used = used;
        }

        /// <summary>The last token's fields; meaningful only when <see cref="Verify"/> returned Ok.</summary>
        public QrToken Token { get; } = new QrToken();

        /// <summary>Checks the Base45 text in text[offset, offset + count); Ok does not yet mark the token used.</summary>
        public QrTokenStatus Verify(byte[] text, int offset, int count)
        {
            _verified = false;
            if (count != QrTokenLayout.TextSize
                || Base45.Decode(text, offset, count, _decoded, 0) != QrTokenLayout.TotalSize
                || !Token.TryRead(_decoded, 0))
            {
                return QrTokenStatus.Malformed;
            }

            long validFrom = Token.ValidFromUnixSeconds;
            long validUntil = Token.ValidUntilUnixSeconds;
            if (validUntil < validFrom || validUntil - validFrom > MaxValiditySeconds)
            {
                return QrTokenStatus.Malformed;
            }

            Ed25519PublicKey? key = _keys.Find(Token.KeyId);
            if (key == null)
            {
                return QrTokenStatus.UnknownKey;
            }

            long now = _clock.UtcUnixSeconds;
            if (now + AllowedSkewSeconds < validFrom)
            {
                return QrTokenStatus.NotYetValid;
            }

            long lastAcceptable = validUntil + AllowedSkewSeconds;
            if (now > lastAcceptable)
            {
                return QrTokenStatus.Expired;
            }

            if (_used.Contains(Token.TokenId, now))
            {
                return QrTokenStatus.Replayed;
            }

            if (!_signatures.Verify(key, _decoded, 0, QrTokenLayout.SignedSize, _decoded, QrTokenLayout.SignatureOffset))
            {
                return QrTokenStatus.BadSignature;
            }

            _verified = true;
            _verifiedAt = now;
            return QrTokenStatus.Ok;
        }

        /// <summary>
        /// Records the last token that verified Ok as used, until it would be refused as expired anyway. Call it once
        /// the fare is durably journaled; it does nothing unless the last <see cref="Verify"/> returned Ok.
        /// </summary>
        public void MarkUsed()
        {
            if (!_verified)
            {
                return;
            }

            _used.Add(Token.TokenId, Token.ValidUntilUnixSeconds + AllowedSkewSeconds, _verifiedAt);
            _verified = false;
        }
    }
}
