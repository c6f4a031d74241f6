using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Terminal.Firmware.Downlink;

namespace Backend.Ingest.Downlink;

/// <summary>
/// Frames and signs downlink messages (<see cref="DownlinkCodec"/>) with the backend's Ed25519 key. The terminals
/// hold the public half under <see cref="KeyId"/> (provisioned as their anchor key, or sent by a keys message).
/// </summary>
public sealed class DownlinkSigner
{
    private readonly Ed25519PrivateKeyParameters _key;

    public DownlinkSigner(int keyId, ReadOnlySpan<byte> privateKeySeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keyId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keyId, 0xFFFF);
        if (privateKeySeed.Length != Ed25519PrivateKeyParameters.KeySize)
        {
            throw new ArgumentException($"An Ed25519 private key is {Ed25519PrivateKeyParameters.KeySize} bytes.", nameof(privateKeySeed));
        }

        KeyId = keyId;
        _key = new Ed25519PrivateKeyParameters(privateKeySeed.ToArray(), 0);
    }

    public int KeyId { get; }

    public byte[] PublicKey => _key.GeneratePublicKey().GetEncoded();

    public byte[] Sign(DownlinkKind kind, uint targetTerminal, uint fromVersion, uint toVersion, long issuedAt, ReadOnlySpan<byte> body)
    {
        if (body.Length > DownlinkCodec.MaxBodyBytes)
        {
            throw new ArgumentException($"A downlink body is at most {DownlinkCodec.MaxBodyBytes} bytes, not {body.Length}.", nameof(body));
        }

        var header = new DownlinkHeader
        {
            Kind = kind,
            TargetTerminal = targetTerminal,
            FromVersion = fromVersion,
            ToVersion = toVersion,
            IssuedAt = issuedAt,
            BodyLength = body.Length,
            KeyId = KeyId,
        };
        var message = new byte[DownlinkCodec.LengthFor(body.Length)];
        body.CopyTo(message.AsSpan(DownlinkCodec.HeaderSize));
        int signedLength = DownlinkCodec.WriteUnsigned(header, message, 0);
        Signature(message.AsSpan(0, signedLength)).CopyTo(message, signedLength);
        return message;
    }

    /// <summary>The 64-byte signature of <paramref name="data"/>, e.g. the signed part of a fare table.</summary>
    public byte[] Signature(ReadOnlySpan<byte> data)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _key);
        signer.BlockUpdate(data);
        return signer.GenerateSignature();
    }
}
