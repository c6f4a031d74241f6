using System.Numerics;
using FsCheck;
using FsCheck.Xunit;
using Org.BouncyCastle.Math.EC.Rfc8032;
using Terminal.Firmware.Crypto;
using Xunit;

namespace Terminal.Tests.Crypto;

/// <summary>The verifier against RFC 8032 section 7.1 and against BouncyCastle's Ed25519 as signer and verifier.</summary>
public sealed class Ed25519VerifierTests
{
    private static readonly Ed25519Verifier Verifier = new();

    /// <summary>RFC 8032 section 7.1: TEST 1, 2, 3 and TEST SHA(abc). Secret, public key, message, signature (hex).</summary>
    public static TheoryData<string, string, string, string> Rfc8032 => new()
    {
        {
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        },
        {
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
        },
        {
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
        },
        {
            "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
            "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"
        },
    };

    [Theory]
    [MemberData(nameof(Rfc8032))]
    public void AcceptsTheRfc8032Vectors(string secretHex, string publicHex, string messageHex, string signatureHex)
    {
        var secret = Convert.FromHexString(secretHex);
        var publicKey = Convert.FromHexString(publicHex);
        var message = Convert.FromHexString(messageHex);
        var signature = Convert.FromHexString(signatureHex);

        // The vectors are facts; BouncyCastle derives the same key and signature from the secret, so the data is sound.
        Assert.Equal(publicKey, BouncyCastle.PublicKeyOf(secret));
        Assert.Equal(signature, BouncyCastle.Sign(secret, message));

        Assert.True(Verifier.Verify(publicKey, 0, message, 0, message.Length, signature, 0));
    }

    public static IEnumerable<object[]> Rfc8032Public => Rfc8032.Select(row => row[1..]);

    [Theory]
    [MemberData(nameof(Rfc8032Public))]
    public void RefusesTheRfc8032VectorsWithAnyBitFlipped(string publicHex, string messageHex, string signatureHex)
    {
        var publicKey = Convert.FromHexString(publicHex);
        var message = Convert.FromHexString(messageHex);
        var signature = Convert.FromHexString(signatureHex);
        foreach (var target in new[] { publicKey, message, signature })
        {
            for (int bit = 0; bit < target.Length * 8; bit++)
            {
                target[bit / 8] ^= (byte)(1 << (bit % 8));
                Assert.False(Verifier.Verify(publicKey, 0, message, 0, message.Length, signature, 0));
                target[bit / 8] ^= (byte)(1 << (bit % 8));
            }
        }
    }

    [Property(MaxTest = 60)]
    public bool AcceptsWhatBouncyCastleSigns(byte[] secretSeed, byte[] message)
    {
        var secret = Secret(secretSeed);
        var publicKey = BouncyCastle.PublicKeyOf(secret);
        var signature = BouncyCastle.Sign(secret, message);
        return Verifier.Verify(publicKey, 0, message, 0, message.Length, signature, 0);
    }

    [Property(MaxTest = 60)]
    public bool RefusesAnySingleFlippedBitAsBouncyCastleDoes(byte[] secretSeed, NonEmptyArray<byte> messageItems, PositiveInt where)
    {
        var secret = Secret(secretSeed);
        var message = messageItems.Get;
        var publicKey = BouncyCastle.PublicKeyOf(secret);
        var signature = BouncyCastle.Sign(secret, message);
        var all = new[] { message, signature, publicKey };
        int total = all.Sum(a => a.Length * 8);
        int bit = where.Get % total;
        var target = all.First(a => (bit -= a.Length * 8) < 0);
        bit += target.Length * 8;
        target[bit / 8] ^= (byte)(1 << (bit % 8));

        bool ours = Verifier.Verify(publicKey, 0, message, 0, message.Length, signature, 0);
        return !ours && !BouncyCastle.Verify(publicKey, message, signature);
    }

    [Property(MaxTest = 30)]
    public bool RefusesANonCanonicalSThatWouldOtherwiseVerify(byte[] secretSeed, byte[] message)
    {
        // S + L is the same scalar, so [S+L]B = R + [k]A still holds: only the S < L rule refuses it.
        var secret = Secret(secretSeed);
        var publicKey = BouncyCastle.PublicKeyOf(secret);
        var signature = BouncyCastle.Sign(secret, message);
        var s = new BigInteger(signature.AsSpan(32), isUnsigned: true) + Scalar25519Tests.L;
        s.TryWriteBytes(signature.AsSpan(32), out _, isUnsigned: true);
        return !Verifier.Verify(publicKey, 0, message, 0, message.Length, signature, 0);
    }

    [Fact]
    public void RefusesANonCanonicalPublicKeyEncoding()
    {
        // y = p + 1 encodes the same y as 1: a point exists, but the encoding is not canonical.
        var key = new byte[32];
        key[0] = 0xEE;
        key.AsSpan(1, 30).Fill(0xFF);
        key[31] = 0x7F;
        Assert.False(Verifier.TryPrepare(new Ed25519PublicKey(), key, 0));
    }

    [Fact]
    public void RefusesSmallOrderKeys()
    {
        // The identity (y = 1) and the point of order 2 (y = -1) are the simplest small-order points.
        var identity = new byte[32];
        identity[0] = 1;
        var minusOne = Convert.FromHexString("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        var key = new Ed25519PublicKey();
        Assert.False(Verifier.TryPrepare(key, identity, 0));
        Assert.False(Verifier.TryPrepare(key, minusOne, 0));
        Assert.False(key.IsPrepared);
    }

    [Fact]
    public void RefusesAYThatIsNotOnTheCurve()
    {
        // y = 2: (y^2 - 1) / (d y^2 + 1) is not a square mod p.
        var key = new byte[32];
        key[0] = 2;
        Assert.False(Verifier.TryPrepare(new Ed25519PublicKey(), key, 0));
    }

    [Fact]
    public void APreparedKeyVerifiesAtAnyOffset()
    {
        var secret = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        var key = new Ed25519PublicKey();
        Assert.True(Verifier.TryPrepare(key, BouncyCastle.PublicKeyOf(secret), 0));
        var message = "ride"u8.ToArray();
        var framed = new byte[3].Concat(message).Concat(new byte[2]).ToArray();
        var signature = new byte[5].Concat(BouncyCastle.Sign(secret, message)).ToArray();
        Assert.True(Verifier.Verify(key, framed, 3, message.Length, signature, 5));
        Assert.False(Verifier.Verify(new Ed25519PublicKey(), framed, 3, message.Length, signature, 5));
    }

    internal static byte[] Secret(byte[] seed)
    {
        var secret = new byte[32];
        seed.AsSpan(0, Math.Min(32, seed.Length)).CopyTo(secret);
        return secret;
    }

    /// <summary>BouncyCastle's RFC 8032 implementation: the oracle, host only.</summary>
    internal static class BouncyCastle
    {
        public static byte[] PublicKeyOf(byte[] secret)
        {
            var publicKey = new byte[Ed25519.PublicKeySize];
            Ed25519.GeneratePublicKey(secret, 0, publicKey, 0);
            return publicKey;
        }

        public static byte[] Sign(byte[] secret, byte[] message)
        {
            var signature = new byte[Ed25519.SignatureSize];
            Ed25519.Sign(secret, 0, message, 0, message.Length, signature, 0);
            return signature;
        }

        public static bool Verify(byte[] publicKey, byte[] message, byte[] signature) =>
            Ed25519.Verify(signature, 0, publicKey, 0, message, 0, message.Length);
    }
}
