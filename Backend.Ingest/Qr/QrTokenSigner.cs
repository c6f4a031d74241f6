using System.Buffers.Binary;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc8032;
using Terminal.Firmware.Qr;

namespace Backend.Ingest.Qr;

/// <summary>
/// Mints QR ride tokens (docs/qr-token.md, the layout of <see cref="QrTokenLayout"/>): lays out a version 1 token,
/// signs its 25 signed bytes with Ed25519 (RFC 8032, BouncyCastle) and encodes it as Base45 text. The key is used for
/// tokens only, never for the downlink. The private half lives only in this object.
/// </summary>
public sealed class QrTokenSigner
{
    private readonly byte[] _secretKey;

    public QrTokenSigner(int keyId, ReadOnlySpan<byte> privateKeySeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keyId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keyId, 0xFFFF);
        if (privateKeySeed.Length != Ed25519.SecretKeySize)
        {
            throw new ArgumentException($"An Ed25519 private key is {Ed25519.SecretKeySize} bytes.", nameof(privateKeySeed));
        }

        KeyId = keyId;
        _secretKey = privateKeySeed.ToArray();
        PublicKey = new byte[Ed25519.PublicKeySize];
        Ed25519.GeneratePublicKey(_secretKey, 0, PublicKey, 0);
    }

    /// <summary>The key id the token carries, by which the terminals' key ring finds <see cref="PublicKey"/>.</summary>
    public int KeyId { get; }

    public byte[] PublicKey { get; }

    /// <summary>A key drawn from <paramref name="random"/>: for tests and the emulator, whose runs must repeat.</summary>
    public static QrTokenSigner WithRandomKey(int keyId, Random random)
    {
        var secret = new byte[Ed25519.SecretKeySize];
        random.NextBytes(secret);
        return new QrTokenSigner(keyId, secret);
    }

    /// <summary>The token as the scanner hands it to the terminal: 134 Base45 characters as ASCII bytes.</summary>
    public byte[] IssueText(QrTokenFields fields) => Encoding.ASCII.GetBytes(Base45Text.Encode(IssueBytes(fields)));

    /// <summary>The 89 bytes of the token: its fields, then the signature over them.</summary>
    public byte[] IssueBytes(QrTokenFields fields)
    {
        var token = new byte[QrTokenLayout.TotalSize];
        token[QrTokenLayout.VersionOffset] = fields.Version;
        BinaryPrimitives.WriteUInt16BigEndian(token.AsSpan(QrTokenLayout.KeyIdOffset), (ushort)KeyId);
        BinaryPrimitives.WriteUInt32BigEndian(token.AsSpan(QrTokenLayout.AccountIdOffset), fields.AccountId);
        BinaryPrimitives.WriteUInt64BigEndian(token.AsSpan(QrTokenLayout.TokenIdOffset), fields.TokenId);
        BinaryPrimitives.WriteUInt32BigEndian(token.AsSpan(QrTokenLayout.ValidFromOffset), fields.ValidFrom);
        BinaryPrimitives.WriteUInt32BigEndian(token.AsSpan(QrTokenLayout.ValidUntilOffset), fields.ValidUntil);
        token[QrTokenLayout.FareProductOffset] = fields.FareProduct;
        token[QrTokenLayout.ConcessionOffset] = fields.Concession;
        Ed25519.Sign(_secretKey, 0, token, 0, QrTokenLayout.SignedSize, token, QrTokenLayout.SignatureOffset);
        return token;
    }
}
