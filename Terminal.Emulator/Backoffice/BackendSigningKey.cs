using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Terminal.Emulator.Backoffice;

/// <summary>
/// An Ed25519 signing key of the backend, generated fresh for each emulator run or test: the emulated
/// terminals get only its public half, as real ones do.
/// </summary>
public sealed class BackendSigningKey(int keyId)
{
    private readonly Ed25519PrivateKeyParameters _key = new(RandomNumberGenerator.GetBytes(Ed25519PrivateKeyParameters.KeySize));

    public int KeyId { get; } = keyId;

    public byte[] PublicKey => _key.GeneratePublicKey().GetEncoded();

    public byte[] Sign(byte[] data)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _key);
        signer.BlockUpdate(data, 0, data.Length);
        return signer.GenerateSignature();
    }
}
