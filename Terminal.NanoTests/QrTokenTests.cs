using nanoFramework.TestFramework;
using Terminal.Firmware.Crypto;
using Terminal.Firmware.Qr;

namespace Terminal.NanoTests
{
    /// <summary>
    /// The sample token of docs/qr-token.md, signed with RFC 8032 section 7.1 TEST 1's public key: verified by the
    /// interpreted Ed25519 inside its window only, refused when altered, and burnt only when marked used.
    /// </summary>
    [TestClass]
    public class QrTokenTests
    {
        private const string Rfc8032TestKey1Public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
        private const string TokenText = "V50%50BRBMT2TK404DGWL:BUU$AF20U$AGQ7910CF2JXD/SQCWRNMQS5CF9O8D8CWB+V9+:0KCCYMTGBC$QJ *U2%JY%9N8P+MCC-KXCAHBG5:2RTPX+9$30-$SK:0D%8C7W20";

        [TestMethod]
        public void TheDocumentedTokenVerifiesInsideItsWindowWithItsFields()
        {
            var verifier = Verifier(1767225630);
            var text = Hex.Ascii(TokenText);
            Assert.AreEqual((int)QrTokenStatus.Ok, (int)verifier.Verify(text, 0, text.Length));
            Assert.AreEqual(123456789L, verifier.Token.AccountId);
            Assert.AreEqual(0x0123456789ABCDEFL, verifier.Token.TokenId);
            Assert.AreEqual(1767225660L, verifier.Token.ValidUntilUnixSeconds);
            Assert.AreEqual(1, verifier.Token.FareProduct);
        }

        [TestMethod]
        public void TheDocumentedTokenIsExpiredAfterItsWindowAndTheSkew()
        {
            var text = Hex.Ascii(TokenText);
            Assert.AreEqual((int)QrTokenStatus.Expired, (int)Verifier(1767225691).Verify(text, 0, text.Length));
        }

        [TestMethod]
        public void AnAlteredCharacterIsRefused()
        {
            var text = Hex.Ascii(TokenText);
            text[40] = text[40] == (byte)'A' ? (byte)'B' : (byte)'A';
            int status = (int)Verifier(1767225630).Verify(text, 0, text.Length);
            Assert.IsTrue(status == (int)QrTokenStatus.BadSignature || status == (int)QrTokenStatus.Malformed);
        }

        [TestMethod]
        public void ATokenIsReplayedOnlyOnceMarkedUsed()
        {
            var verifier = Verifier(1767225630);
            var text = Hex.Ascii(TokenText);
            Assert.AreEqual((int)QrTokenStatus.Ok, (int)verifier.Verify(text, 0, text.Length));
            Assert.AreEqual((int)QrTokenStatus.Ok, (int)verifier.Verify(text, 0, text.Length));
            verifier.MarkUsed();
            Assert.AreEqual((int)QrTokenStatus.Replayed, (int)verifier.Verify(text, 0, text.Length));
        }

        private static QrTokenVerifier Verifier(long now)
        {
            var signatures = new Ed25519Verifier();
            var keys = new QrKeyRing(signatures, 2);
            Assert.IsTrue(keys.TryAdd(1, Hex.Bytes(Rfc8032TestKey1Public), 0));
            return new QrTokenVerifier(new FixedClock(now), keys, signatures, new UsedTokenSet(UsedTokenSet.TerminalCapacity));
        }
    }
}
