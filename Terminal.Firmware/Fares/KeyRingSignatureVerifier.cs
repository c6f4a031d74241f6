using Terminal.Firmware.Crypto;
using Terminal.Firmware.Qr;

namespace Terminal.Firmware.Fares
{
    /// <summary>Checks a fare table's signature with the backend's public keys held in the terminal's key ring.</summary>
    public sealed class KeyRingSignatureVerifier : ISignatureVerifier
    {
        private readonly QrKeyRing _keys;
        private readonly Ed25519Verifier _verifier;

        public KeyRingSignatureVerifier(QrKeyRing keys, Ed25519Verifier verifier)
        {
            _keys = keys;
            _verifier = verifier;
        }

        public bool Verify(byte[] data, int offset, int count, byte[] signature, int signatureOffset, int keyId)
        {
            Ed25519PublicKey? key = _keys.Find(keyId);
            return key != null && _verifier.Verify(key, data, offset, count, signature, signatureOffset);
        }
    }
}
