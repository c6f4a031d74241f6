using System.Buffers.Binary;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc8032;
using Terminal.Firmware.Qr;

namespace Terminal.Emulator.Backoffice;

/// <summary>
/// Host-side token minting for tests and the emulator: lays out a version 1 token, signs it with Ed25519
/// (BouncyCastle) and encodes it as Base45 text. The secret key lives only in this object, created at run time.
/// </summary>
public sealed class QrTokenIssuer
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    private readonly byte[] _secretKey;

    public QrTokenIssuer(int keyId, byte[] secretKey)
    {
        KeyId = keyId;
        _secretKey = secretKey;
        PublicKey = new byte[Ed25519.PublicKeySize];
        Ed25519.GeneratePublicKey(_secretKey, 0, PublicKey, 0);
    }

    public int KeyId { get; }

    public byte[] PublicKey { get; }

    public static QrTokenIssuer WithRandomKey(int keyId, Random random)
    {
        var secret = new byte[Ed25519.SecretKeySize];
        random.NextBytes(secret);
        return new QrTokenIssuer(keyId, secret);
    }

    public byte[] IssueText(TokenFields fields) => Encoding.ASCII.GetBytes(Base45Encode(IssueBytes(fields)));

    public byte[] IssueBytes(TokenFields fields)
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

    /// <summary>RFC 9285: each byte pair, big-endian, as three base-45 digits least significant first; an odd last byte as two.</summary>
    public static string Base45Encode(byte[] data)
    {
        var text = new StringBuilder();
        for (int i = 0; i < data.Length; i += 2)
        {
            bool pair = i + 1 < data.Length;
            int n = pair ? (data[i] << 8) | data[i + 1] : data[i];
            text.Append(Alphabet[n % 45]).Append(Alphabet[n / 45 % 45]);
            if (pair)
            {
                text.Append(Alphabet[n / 2025]);
            }
        }

        return text.ToString();
    }
}

/// <summary>The signed fields of a token, as the backend would fill them.</summary>
public sealed record TokenFields(uint AccountId, ulong TokenId, uint ValidFrom, uint ValidUntil, byte FareProduct = 0, byte Concession = 0, byte Version = QrTokenLayout.Version1);
