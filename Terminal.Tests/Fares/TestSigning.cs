using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Terminal.Firmware.Fares;

namespace Terminal.Tests.Fares;

/// <summary>
/// Ed25519 through BouncyCastle, standing in for the backend's signing key and for the firmware's
/// own verifier (being written in Terminal.Firmware/Crypto) until the lead wires that one in.
/// </summary>
public static class TestSigning
{
    public const int KeyId = 1;
    public const int OtherKeyId = 2;

    public static Ed25519PrivateKeyParameters BackendKey { get; } = KeyFromSeed(0x42);
    public static Ed25519PrivateKeyParameters OtherKey { get; } = KeyFromSeed(0x17);

    public static byte[] Sign(byte[] data) => Sign(BackendKey, data);

    public static byte[] Sign(Ed25519PrivateKeyParameters key, byte[] data)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, key);
        signer.BlockUpdate(data, 0, data.Length);
        return signer.GenerateSignature();
    }

    /// <summary>A verifier that knows the backend key as <see cref="KeyId"/> and the other key as <see cref="OtherKeyId"/>.</summary>
    public static ISignatureVerifier Verifier() => new BouncyCastleVerifier(new Dictionary<int, Ed25519PublicKeyParameters>
    {
        [KeyId] = BackendKey.GeneratePublicKey(),
        [OtherKeyId] = OtherKey.GeneratePublicKey(),
    });

    private static Ed25519PrivateKeyParameters KeyFromSeed(byte fill) =>
        new(Enumerable.Repeat(fill, Ed25519PrivateKeyParameters.KeySize).ToArray(), 0);

    private sealed class BouncyCastleVerifier(Dictionary<int, Ed25519PublicKeyParameters> keys) : ISignatureVerifier
    {
        public bool Verify(byte[] data, int offset, int count, byte[] signature, int signatureOffset, int keyId)
        {
            if (!keys.TryGetValue(keyId, out var key))
            {
                return false;
            }

            var verifier = new Ed25519Signer();
            verifier.Init(false, key);
            verifier.BlockUpdate(data, offset, count);
            return verifier.VerifySignature(signature.AsSpan(signatureOffset, FareTableFormat.SignatureSize).ToArray());
        }
    }
}
